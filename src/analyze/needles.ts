// The fast path's search terms: request ids and, once learned, instance uuids. Lines that contain none
// of them are skipped before decoding. Terms are searched as raw bytes: two at a time by the WebAssembly
// scanner in the buffers it handed out (src/input/byte-scan.ts), else one at a time with Buffer.indexOf.
import { linesOf, madeScanner, MAX_NEEDLE_BYTES, type ByteScanner } from '../input/index.js';

const INSTANCE_TAG = '[instance: ';
const UUID_LEN = 36;

export class Needles {
  private readonly bytes: Buffer[] = [];
  private readonly strings: string[] = [];
  /** Whether uuids seen in `[instance: …]` of matching lines are added as further terms. */
  readonly learnInstances: boolean;
  /**
   * The buffer `next` refers to, and the next position in it (-1: none left) of each search: a term, or
   * with the scanner a pair of terms (the 1st and 2nd, the 3rd and 4th…).
   */
  private buf: Buffer | null = null;
  private readonly next: number[] = [];
  /** The scanner that searches `buf` (it handed the buffer out), or null: indexOf. */
  private scanner: ByteScanner | null = null;
  /** Where in `buf` the scanner last searched and found nothing, counting the newlines it went over. */
  private emptyFrom = -1;
  private emptyLines = 0;

  constructor(terms: string[], learnInstances: boolean) {
    this.learnInstances = learnInstances;
    for (const t of terms) this.add(t);
  }

  add(term: string): void {
    const t = term.toLowerCase();
    if (t.length === 0 || this.strings.includes(t)) return;
    this.strings.push(t);
    this.bytes.push(Buffer.from(t, 'latin1'));
    this.next.length = 0; // a pair may have changed: search again from where the caller is
    this.emptyFrom = -1;
    if (t.length > MAX_NEEDLE_BYTES) this.scanner = null;
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
    const bytes = this.bytes;
    if (buf !== this.buf) {
      this.buf = buf;
      this.next.length = 0;
      this.emptyFrom = -1;
      const scanner = madeScanner();
      this.scanner = scanner !== null && scanner.owns(buf) && bytes.every((b) => b.length <= MAX_NEEDLE_BYTES) ? scanner : null;
    }
    let best = -1;
    const next = this.next;
    const scanner = this.scanner;
    const step = scanner ? 2 : 1;
    for (let i = 0; i < bytes.length; i += step) {
      const k = i / step;
      let at = next[k];
      // -1 (none left) stays valid; a position before `from` or a term learnt since needs a search.
      if (at === undefined || (at >= 0 && at < from)) {
        if (scanner) {
          at = scanner.find(buf, from, bytes[i]!, bytes[i + 1] ?? bytes[i]!);
          if (at < 0 && bytes.length <= 2) {
            this.emptyFrom = from;
            this.emptyLines = scanner.linesFound;
          }
        } else at = buf.indexOf(bytes[i]!, from);
        next[k] = at;
      }
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  }

  /**
   * The number of lines from `pos` to the end of `buf` when the scanner, looking for every term, went
   * over them and found none (it counts newlines as it searches); else null (count them).
   */
  linesAfter(buf: Buffer, pos: number): number | null {
    if (buf !== this.buf || pos !== this.emptyFrom || pos >= buf.length) return null;
    return linesOf(buf, this.emptyLines);
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
