// Oslo log files do not say which host wrote them. A compute service names itself in its periodic
// resource audit, so the first such line found in a source's raw bytes tells the host of the whole file.
// Searched on every chunk (skipped ones too) until found: one indexOf per chunk.

const MARKERS: Array<{ text: Buffer; stop: number }> = [
  { text: Buffer.from('Compute_service record updated for '), stop: 58 /* : */ },
  { text: Buffer.from('Auditing locally available compute resources for '), stop: 32 /* space */ },
];
const MAX_HOST = 255;

export function probeHost(buf: Buffer): string | null {
  for (const m of MARKERS) {
    const at = buf.indexOf(m.text);
    if (at < 0) continue;
    const start = at + m.text.length;
    let end = start;
    while (end < buf.length && end - start < MAX_HOST) {
      const c = buf[end]!;
      if (c === m.stop || c === 10 || c === 13 || c === 32) break;
      end++;
    }
    const host = buf.toString('latin1', start, end);
    if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(host)) return host;
  }
  return null;
}
