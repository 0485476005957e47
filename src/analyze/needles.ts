// The fast path's search terms: request ids and, once learned, instance uuids. Lines that contain none
// of them are skipped before decoding. Terms are searched as raw bytes (Buffer.indexOf, native memmem).

const INSTANCE_TAG = '[instance: ';
const UUID_LEN = 36;

export class Needles {
  private readonly bytes: Buffer[] = [];
  private readonly strings: string[] = [];
  /** Whether uuids seen in `[instance: …]` of matching lines are added as further terms. */
  readonly learnInstances: boolean;

  constructor(terms: string[], learnInstances: boolean) {
    this.learnInstances = learnInstances;
    for (const t of terms) this.add(t);
  }

  add(term: string): void {
    const t = term.toLowerCase();
    if (t.length === 0 || this.strings.includes(t)) return;
    this.strings.push(t);
    this.bytes.push(Buffer.from(t, 'latin1'));
  }

  get terms(): readonly string[] {
    return this.strings;
  }

  /** True when the buffer may hold a matching line. */
  inBuffer(buf: Buffer): boolean {
    for (const b of this.bytes) if (buf.indexOf(b) >= 0) return true;
    return false;
  }

  /** True when the line contains a term; learns the line's instance uuid if asked to. */
  inLine(line: string): boolean {
    for (const s of this.strings) {
      if (line.includes(s)) {
        if (this.learnInstances) this.learnFrom(line);
        return true;
      }
    }
    return false;
  }

  private learnFrom(line: string): void {
    const at = line.indexOf(INSTANCE_TAG);
    if (at < 0) return;
    const uuid = line.slice(at + INSTANCE_TAG.length, at + INSTANCE_TAG.length + UUID_LEN);
    if (uuid.length === UUID_LEN && line.charCodeAt(at + INSTANCE_TAG.length + UUID_LEN) === 93 /* ] */) this.add(uuid);
  }
}
