// The fast path's search terms: request ids and, once learned, instance uuids. Lines that contain none
// of them are skipped before decoding. Terms are searched as raw bytes (Buffer.indexOf, native memmem).

const INSTANCE_TAG = '[instance: ';
const UUID_LEN = 36;

export class Needles {
  private readonly bytes: Buffer[] = [];
  private readonly strings: string[] = [];
  /** Whether uuids seen in `[instance: …]` of matching lines are added as further terms. */
  readonly learnInstances: boolean;
  /** The buffer `next` refers to, and each term's next position in it (-1: none left). */
  private buf: Buffer | null = null;
  private readonly next: number[] = [];

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

  /**
   * Position of the first term in `buf` at or after `from`, or -1. Each term's next position in the
   * current buffer is remembered, so a chunk with many hits is searched once per term, not once per
   * term per hit (callers ask with increasing `from` within one buffer).
   */
  nextHit(buf: Buffer, from: number): number {
    if (buf !== this.buf) {
      this.buf = buf;
      this.next.length = 0;
    }
    let best = -1;
    const next = this.next;
    for (let i = 0; i < this.bytes.length; i++) {
      let at = next[i];
      // -1 (none left) stays valid; a position before `from` or a term learnt since needs a search.
      if (at === undefined || (at >= 0 && at < from)) {
        at = buf.indexOf(this.bytes[i]!, from);
        next[i] = at;
      }
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  }

  /** Called with each matching line: learns its instance uuid when asked to. */
  learn(line: string): void {
    if (this.learnInstances) this.learnFrom(line);
  }

  private learnFrom(line: string): void {
    const at = line.indexOf(INSTANCE_TAG);
    if (at < 0) return;
    const uuid = line.slice(at + INSTANCE_TAG.length, at + INSTANCE_TAG.length + UUID_LEN);
    if (uuid.length === UUID_LEN && line.charCodeAt(at + INSTANCE_TAG.length + UUID_LEN) === 93 /* ] */) this.add(uuid);
  }
}
