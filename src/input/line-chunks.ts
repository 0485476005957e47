// Turns a stream of byte chunks into chunks that hold whole lines only, so that callers can search the
// raw bytes (fast path) and decode without ever splitting a line or a UTF-8 sequence. A line longer than
// `maxLineBytes` is cut to that length and the rest of it discarded, so memory never grows with a line.
// (split2 decodes to strings before splitting and drops, rather than cuts, over-long lines; both
// defeat the raw-byte fast path, hence this small splitter.)

import { madeScanner } from './byte-scan.js';

const NL = 10;

export interface ChunkCounters {
  /** Lines cut because they exceeded the bound. */
  cut: number;
}

/**
 * Yields buffers made of complete lines. Every yielded buffer ends with `\n`, except possibly the very
 * last one (a final line without newline) and a cut line (its first `maxLineBytes` bytes, no newline).
 * So the number of lines in a yielded buffer is its count of `\n` plus one if it does not end in `\n`.
 */
export async function* wholeLineChunks(
  input: AsyncIterable<Buffer>,
  maxLineBytes: number,
  counters: ChunkCounters,
): AsyncGenerator<Buffer> {
  let carry: Buffer[] = [];
  let carryLength = 0;
  let discarding = false; // inside the tail of a line that was already cut

  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    if (discarding) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) continue;
      start = nl + 1;
      discarding = false;
    }
    if (carryLength > 0) {
      const nl = chunk.indexOf(NL, start);
      if (nl < 0) {
        const piece = chunk.subarray(start);
        if (carryLength + piece.length > maxLineBytes) {
          carry.push(piece.subarray(0, maxLineBytes - carryLength));
          counters.cut++;
          yield Buffer.concat(carry, maxLineBytes);
          carry = [];
          carryLength = 0;
          discarding = true;
        } else {
          carry.push(Buffer.from(piece)); // copy: the reader reuses its buffers
          carryLength += piece.length;
        }
        continue;
      }
      const piece = chunk.subarray(start, nl + 1);
      if (carryLength + piece.length - 1 > maxLineBytes) {
        carry.push(piece.subarray(0, maxLineBytes - carryLength));
        counters.cut++;
        yield Buffer.concat(carry, maxLineBytes);
      } else {
        carry.push(piece);
        yield Buffer.concat(carry, carryLength + piece.length);
      }
      carry = [];
      carryLength = 0;
      start = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(NL);
    if (lastNl >= start) {
      const body = chunk.subarray(start, lastNl + 1);
      if (body.length <= maxLineBytes + 1) yield body;
      else yield* cutLongLines(body, maxLineBytes, counters);
      start = lastNl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (rest.length > maxLineBytes) {
        counters.cut++;
        yield Buffer.from(rest.subarray(0, maxLineBytes));
        discarding = true;
      } else {
        // Copy: the stream may reuse its buffer.
        carry.push(Buffer.from(rest));
        carryLength = rest.length;
      }
    }
  }
  if (carryLength > 0) yield Buffer.concat(carry, carryLength);
}

/** Slow path for a block of whole lines larger than the bound: yields runs of short lines and cut long ones. */
function* cutLongLines(body: Buffer, maxLineBytes: number, counters: ChunkCounters): Generator<Buffer> {
  let runStart = 0;
  let pos = 0;
  while (pos < body.length) {
    const nl = body.indexOf(NL, pos);
    const end = nl < 0 ? body.length : nl;
    if (end - pos > maxLineBytes) {
      if (pos > runStart) yield body.subarray(runStart, pos);
      counters.cut++;
      yield body.subarray(pos, pos + maxLineBytes);
      runStart = end + 1;
    }
    pos = end + 1;
  }
  if (runStart < body.length) yield body.subarray(runStart);
}

/** Number of lines in a buffer produced by wholeLineChunks. */
export function countLines(buf: Buffer): number {
  if (buf.length === 0) return 0;
  const scanner = madeScanner();
  if (scanner !== null && scanner.owns(buf)) return linesOf(buf, scanner.count(buf));
  let n = 0;
  let pos = buf.indexOf(NL);
  while (pos >= 0) {
    n++;
    pos = buf.indexOf(NL, pos + 1);
  }
  return linesOf(buf, n);
}

/** The lines of a buffer produced by wholeLineChunks that holds `newlines` newlines: a last one may lack its own. */
export function linesOf(buf: Buffer, newlines: number): number {
  return buf.length > 0 && buf[buf.length - 1] !== NL ? newlines + 1 : newlines;
}
