// Oslo log files do not say which host wrote them. A compute service names itself in its periodic
// resource audit, so the first such line found in a source's raw bytes tells the host of the whole file.
// Searched on every chunk (skipped ones too) until found: one indexOf per marker per chunk.
// Only host-bearing lines count: node names (`Claim successful on node …`, `… resources for node X`
// before Ocata) are the hypervisor's name, which is not always the service's host.

const RECORD = Buffer.from('Compute_service record updated for ');
const AUDIT = Buffer.from('Auditing locally available compute resources for ');
const HOST = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_HOST = 255;

export function probeHost(buf: Buffer): string | null {
  return probeHostAt(buf)?.host ?? null;
}

/**
 * The first host-bearing line of the buffer, whichever its kind, and the byte offset of its marker.
 * The first one, not the first of a preferred kind: otherwise which host wins would depend on where
 * chunk boundaries fall (found by test/robustness).
 */
export function probeHostAt(buf: Buffer): { host: string; at: number } | null {
  const r = fromRecordLine(buf);
  const a = fromAuditLine(buf);
  if (r === null) return a;
  return a !== null && a.at < r.at ? a : r;
}

/** `… updated for <host>:<node>` (Liberty+) or `… updated for ('<host>', '<node>')` (Kilo). */
function fromRecordLine(buf: Buffer): { host: string; at: number } | null {
  let at = buf.indexOf(RECORD);
  while (at >= 0) {
    let start = at + RECORD.length;
    let stop = 58; // :
    if (buf[start] === 40 /* ( */ && buf[start + 1] === 39 /* ' */) {
      start += 2;
      stop = 39;
    }
    const host = token(buf, start, stop);
    if (host !== null) return { host, at };
    at = buf.indexOf(RECORD, at + 1);
  }
  return null;
}

/** `… resources for <host> (node: <node>)` (Ocata+); the older `… for node <node>` names no host. */
function fromAuditLine(buf: Buffer): { host: string; at: number } | null {
  let at = buf.indexOf(AUDIT);
  while (at >= 0) {
    const start = at + AUDIT.length;
    if (buf.toString('latin1', start, start + 5) !== 'node ') {
      const host = token(buf, start, 32);
      if (host !== null) return { host, at };
    }
    at = buf.indexOf(AUDIT, at + 1);
  }
  return null;
}

function token(buf: Buffer, start: number, stop: number): string | null {
  let end = start;
  while (end < buf.length && end - start < MAX_HOST) {
    const c = buf[end]!;
    if (c === stop || c === 10 || c === 13 || c === 32 || c === 44) break;
    end++;
  }
  const host = buf.toString('latin1', start, end);
  return HOST.test(host) ? host : null;
}
