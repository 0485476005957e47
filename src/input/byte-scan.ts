// The request trace's byte scanning in WebAssembly SIMD (byte-scan.wat, compiled by the build): the fast
// path reads its files straight into the module's memory, then finds its needles there two at a time
// and counts the newlines of what it skips, about twice as fast as Buffer.indexOf (numbers in the .wat).
// Only buffers the scanner handed out are scanned this way (`owns`); any other Buffer (a line carried
// over two reads, a stream's chunk) is searched with indexOf, with the same results. Where the module
// cannot be loaded (no .wasm beside this file, no SIMD), `byteScanner()` is null and everything is
// indexOf.
import { readFileSync } from 'node:fs';

/** Where the two needles live: a 32-bit length then the bytes, 128 bytes each (see the .wat). */
const NEEDLES = 64;
const NEEDLE_SLOT = 128;
/** The longest needle the module takes; longer ones are searched with indexOf. */
export const MAX_NEEDLE_BYTES = NEEDLE_SLOT - 4;
/** Buffers handed out start here. */
const DATA = 64 * 1024;
const PAGE = 64 * 1024;
/** The module's memory limit (1 GiB: positions stay below 2^31). */
const MAX_PAGES = 16_384;

/** Bytes a buffer of `bytes` takes in the memory: whole 64-byte lines, so that buffers start aligned. */
function slotSize(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

interface Exports {
  find(from: number, end: number): number;
  /** `find` with the same needle in both slots: looks for it alone. */
  find1(from: number, end: number): number;
  count(p: number, end: number): number;
  /** After `find` returned -1: the newlines it went over. */
  lines: { value: number };
}

export class ByteScanner {
  private readonly memory: WebAssembly.Memory;
  private readonly fns: Exports;
  /** The memory's first 64 KiB (the needles), which never move. */
  private readonly head: Uint8Array;
  /** Every `memory.buffer` handed out (a new one after each growth; the old ones stay valid). */
  private readonly buffers = new Set<ArrayBufferLike>();
  /** Released buffers by size: offsets to hand out again. */
  private readonly free = new Map<number, number[]>();
  private top = DATA;
  /** The pair of needles now in the module's memory. */
  private loaded: [Buffer | null, Buffer | null] = [null, null];

  constructor(module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: DATA / PAGE, maximum: MAX_PAGES, shared: true });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.fns = instance.exports as unknown as Exports;
    this.head = new Uint8Array(this.memory.buffer, 0, DATA);
  }

  /** A buffer of `bytes` in the module's memory, or null when the memory is full. */
  alloc(bytes: number): Buffer | null {
    const size = slotSize(bytes);
    let at = this.free.get(size)?.pop();
    if (at === undefined) {
      at = this.top;
      const need = Math.ceil((at + size) / PAGE);
      const have = this.memory.buffer.byteLength / PAGE;
      if (need > MAX_PAGES) return null;
      if (need > have) this.memory.grow(need - have);
      this.top += size;
    }
    const sab = this.memory.buffer;
    this.buffers.add(sab);
    return Buffer.from(sab, at, bytes);
  }

  /** Gives back a buffer `alloc` returned (no longer read or written by anyone). */
  release(buf: Buffer): void {
    if (!this.owns(buf)) return;
    const size = slotSize(buf.length);
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = []));
    list.push(buf.byteOffset);
  }

  /** Whether `buf` lies in the module's memory (a buffer from `alloc`, or part of one). */
  owns(buf: Buffer): boolean {
    return this.buffers.has(buf.buffer);
  }

  /** Newlines in `buf` (which `owns`). */
  count(buf: Buffer): number {
    return this.fns.count(buf.byteOffset, buf.byteOffset + buf.length);
  }

  /**
   * Position in `buf` (which `owns`) of the first occurrence at or after `from` of `a` or `b` (each
   * 1–MAX_NEEDLE_BYTES bytes; pass one twice to look for it alone), or -1.
   */
  find(buf: Buffer, from: number, a: Buffer, b: Buffer): number {
    if (this.loaded[0] !== a) this.load(0, a);
    if (this.loaded[1] !== b) this.load(1, b);
    const base = buf.byteOffset;
    const at = (a === b ? this.fns.find1 : this.fns.find)(base + from, base + buf.length);
    return at < 0 ? -1 : at - base;
  }

  /** After `find` returned -1: the number of newlines from its `from` to the end of its buffer. */
  get linesFound(): number {
    return this.fns.lines.value;
  }

  private load(slot: 0 | 1, needle: Buffer): void {
    if (needle.length === 0 || needle.length > MAX_NEEDLE_BYTES) throw new RangeError(`needle of ${needle.length} bytes: the scanner takes 1–${MAX_NEEDLE_BYTES}`);
    const at = NEEDLES + slot * NEEDLE_SLOT;
    new DataView(this.head.buffer, at, 4).setUint32(0, needle.length, true);
    this.head.set(needle, at + 4);
    this.loaded[slot] = needle;
  }
}

let scanner: ByteScanner | null | undefined;

/**
 * Makes `s` this thread's scanner (null: none, undefined: load it on first use again). For tests, which
 * run src/, where no .wasm lies beside this file: they compile one from byte-scan.wat.
 */
export function setByteScanner(s: ByteScanner | null | undefined): void {
  scanner = s;
}

/** The scanner if one was made already, else null (never makes one). */
export function madeScanner(): ByteScanner | null {
  return scanner ?? null;
}

/**
 * This thread's scanner, made on first use; null where WebAssembly SIMD or the compiled module is not
 * available (the fast path then searches with Buffer.indexOf).
 */
export function byteScanner(): ByteScanner | null {
  if (scanner === undefined) {
    try {
      scanner = new ByteScanner(new WebAssembly.Module(readFileSync(new URL('./byte-scan.wasm', import.meta.url))));
    } catch {
      scanner = null;
    }
  }
  return scanner;
}
