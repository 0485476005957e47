// Line formatting for the two output shapes, and the buffered file sinks they write into.
//
//   oslo (Zed+ file):     2026-11-21 18:03:45.064 25755 DEBUG nova.scheduler.manager [None req-… <user> <project> - - default default] [instance: …] msg func /usr/lib/python3/dist-packages/nova/x.py:123
//   journal short-precise: Nov 21 18:03:45.064123 host nova-compute[81234]: DEBUG nova.compute.manager [None req-… admin admin] [instance: …] msg {{(pid=81234) func /opt/stack/nova/nova/x.py:123}}
//
// Times are integer microseconds since the epoch, printed as UTC (the files carry no zone, like oslo.log's
// local time). Every stream is kept non-decreasing in time, as a real log file is.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const P3 = [];
for (let i = 0; i < 1000; i++) P3.push(String(i).padStart(3, '0'));
const P2 = (n) => (n < 10 ? '0' + n : String(n));

/** A DEBUG suffix (`func path:line`); paths are relative to site-packages (`nova/…`, `oslo_concurrency/…`). */
const SUFFIXES = new Map();
export function sfx(func, rel, line) {
  const key = `${func} ${rel}:${line}`;
  let s = SUFFIXES.get(key);
  if (s === undefined) {
    const jpath = rel.startsWith('nova/') ? `/opt/stack/nova/${rel}` : `/usr/local/lib/python3.10/dist-packages/${rel}`;
    s = { oslo: ` ${func} /usr/lib/python3/dist-packages/${rel}:${line}`, journal: `) ${func} ${jpath}:${line}}}` };
    SUFFIXES.set(key, s);
  }
  return s;
}

/** Buffered, backpressured output file; counts what it was given. Text is ASCII, written as latin1. */
const CHUNK = 1 << 20;
export class Sink {
  constructor(path) {
    this.path = path;
    this.ws = createWriteStream(path, { highWaterMark: 4 * CHUNK });
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.off = 0;
    this.bytes = 0;
    this.lines = 0;
  }

  push(s) {
    this.lines++;
    if (this.off + s.length > CHUNK) {
      this.flush();
      if (s.length > CHUNK) {
        this.bytes += s.length;
        this.ws.write(s, 'latin1');
        return;
      }
    }
    this.off += this.buf.latin1Write(s, this.off);
  }

  flush() {
    if (this.off === 0) return;
    this.bytes += this.off;
    this.ws.write(this.buf.subarray(0, this.off));
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.off = 0;
  }

  /** Waits while the stream holds more than its high-water mark (backpressure). */
  async drain() {
    if (this.ws.writableNeedDrain) await once(this.ws, 'drain');
  }

  async close() {
    this.flush();
    this.ws.end();
    await once(this.ws, 'finish');
  }
}

/** Turns records into text for one output format. */
export class Formatter {
  constructor(kind) {
    if (kind !== 'oslo' && kind !== 'journal') throw new Error(`unknown format ${kind}`);
    this.journal = kind === 'journal';
    this.sec = -1;
    this.stamp = '';
    this.total = 0; // bytes produced so far, over all sinks
  }

  /** Timestamp prefix for time t (µs), cached per second. */
  ts(t) {
    const sec = Math.floor(t / 1e6);
    if (sec !== this.sec) {
      this.sec = sec;
      const d = new Date(sec * 1000);
      const hms = `${P2(d.getUTCHours())}:${P2(d.getUTCMinutes())}:${P2(d.getUTCSeconds())}.`;
      this.stamp = this.journal
        ? `${MON[d.getUTCMonth()]} ${P2(d.getUTCDate())} ${hms}`
        : `${d.getUTCFullYear()}-${P2(d.getUTCMonth() + 1)}-${P2(d.getUTCDate())} ${hms}`;
    }
    const us = t - sec * 1e6;
    if (!this.journal) return this.stamp + P3[Math.floor(us / 1000)];
    return this.stamp + P3[Math.floor(us / 1000)] + P3[us % 1000];
  }

  /**
   * One log record: its header line, then continuation lines (a multi-line message) and traceback lines.
   * `p` is the process (pid, sink, journal identity), `ctx` the context block ({oslo, journal} strings, or
   * null for an exception-prefix-only line), `inst` an instance uuid or null, `sfx` a DEBUG suffix or null.
   */
  record(p, t, level, logger, ctx, inst, msg, suffix, cont, tb) {
    if (t < p.last) t = p.last;
    else p.last = t;
    const ts = this.ts(t);
    const head = this.journal ? `${ts} ${p.host} ${p.ident}: ` : `${ts} ${p.pid} `;
    const ip = inst === null ? '' : `[instance: ${inst}] `;
    let line;
    if (this.journal) {
      line = `${head}${level} ${logger} [${ctx === null ? '-' : ctx.journal}] ${ip}${msg}`;
      if (suffix !== null && cont === null) line += ` {{(pid=${p.pid}${suffix.journal}`;
    } else {
      line = `${head}${level} ${logger} [${ctx === null ? '-' : ctx.oslo}] ${ip}${msg}`;
      if (suffix !== null && cont === null) line += suffix.oslo;
    }
    line += '\n';
    const sink = p.sink;
    sink.push(line);
    let n = line.length;
    if (cont !== null) {
      // Python's logging puts the DEBUG suffix after the whole (multi-line) message.
      const last = cont.length - 1;
      for (let i = 0; i <= last; i++) {
        let c = this.journal ? head + cont[i] : cont[i];
        if (i === last && suffix !== null) c += this.journal ? ` {{(pid=${p.pid}${suffix.journal}` : suffix.oslo;
        c += '\n';
        sink.push(c);
        n += c.length;
      }
    }
    if (tb !== null) {
      const pre = `${head}ERROR ${logger} ${ip}`;
      for (let i = 0; i < tb.length; i++) {
        const c = pre + tb[i] + '\n';
        sink.push(c);
        n += c.length;
      }
    }
    this.total += n;
    return n;
  }
}
