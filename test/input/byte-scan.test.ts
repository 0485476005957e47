import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NEEDLE_BYTES } from '../../src/input/byte-scan.js';
import { testScanner } from '../helpers/byte-scanner.js';

/** `text` in a buffer of the scanner's memory (bytes after it hold junk that must never match). */
async function place(text: Buffer | string, junk = 'x\nxxabc\n') {
  const s = await testScanner();
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  const room = s.alloc(bytes.length + 256)!;
  room.fill(junk, bytes.length);
  bytes.copy(room);
  return { s, buf: room.subarray(0, bytes.length) };
}

function newlines(b: Buffer): number {
  let n = 0;
  for (const c of b) if (c === 10) n++;
  return n;
}

function firstOf(b: Buffer, from: number, x: Buffer, y: Buffer): number {
  const i = b.indexOf(x, from);
  const j = b.indexOf(y, from);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}

describe('ByteScanner.count', () => {
  it('counts newlines exactly at every length around the 16-byte step and past 255 steps', async () => {
    for (const len of [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255 * 16 - 1, 255 * 16, 255 * 16 + 1, 20_000]) {
      const all = '\n'.repeat(len);
      const { s, buf } = await place(all);
      expect(s.count(buf), `${len} newlines`).toBe(len);
      const mixed = Array.from({ length: len }, (_, i) => (i % 7 === 3 ? '\n' : 'a')).join('');
      const m = await place(mixed);
      expect(m.s.count(m.buf), `mixed ${len}`).toBe(newlines(Buffer.from(mixed)));
    }
  });

  it('counts only inside the buffer, from any offset', async () => {
    const { s, buf } = await place('a\nb\nc\nd\n'.repeat(50), '\n');
    for (let from = 0; from < buf.length; from += 13) expect(s.count(buf.subarray(from))).toBe(newlines(buf.subarray(from)));
  });
});

describe('ByteScanner.find', () => {
  const id = Buffer.from('fd213d60-5543-43ae-95d2-dcfd216b9147');
  const uuid = Buffer.from('106fbf4b-ced3-4d81-8820-a075ec25c95f');

  it('finds the earlier of two needles, or -1, as indexOf does', async () => {
    const line = (k: number) => `2026-11-22 01:00:00.${String(k).padStart(3, '0')} 7 DEBUG nova.compute.manager [req-0000 - - - - -] line ${k}\n`;
    const text = Array.from({ length: 400 }, (_, k) => (k === 120 ? line(k).replace('req-0000', `req-${id}`) : k === 300 ? `[instance: ${uuid}] ${line(k)}` : line(k))).join('');
    const { s, buf } = await place(text);
    for (const from of [0, 1, 100, text.indexOf(String(id)), text.indexOf(String(id)) + 1, text.indexOf(String(uuid)), buf.length - 1, buf.length]) {
      expect(s.find(buf, from, id, uuid), `from ${from}`).toBe(firstOf(buf, from, id, uuid));
      expect(s.find(buf, from, id, id)).toBe(buf.indexOf(id, from));
      expect(s.find(buf, from, uuid, uuid)).toBe(buf.indexOf(uuid, from));
    }
  });

  it('counts the newlines it went over when it finds nothing, past 63 steps of 64 bytes', async () => {
    const text = 'abc\n\n\n\n'.repeat(8 * 64 * 70); // 4 newlines in every 8 bytes, over 70 × 63 steps
    const { s, buf } = await place(text);
    const none = Buffer.from('zzz');
    for (const from of [0, 5, 64 * 63, 64 * 63 + 1, buf.length - 3, buf.length]) {
      expect(s.find(buf, from, none, none)).toBe(-1);
      expect(s.linesFound, `from ${from}`).toBe(newlines(buf.subarray(from)));
    }
  });

  it('never matches a needle that runs past the end of the buffer', async () => {
    // The bytes after the buffer complete the needle: a scanner reading past the end would find it.
    const { s, buf } = await place('z'.repeat(100) + String(id).slice(0, 20), String(id).slice(20) + '\n');
    expect(s.find(buf, 0, id, id)).toBe(-1);
    const whole = await place('z'.repeat(100) + String(id));
    expect(whole.s.find(whole.buf, 0, id, id)).toBe(100);
  });

  it('takes needles of 1 to MAX_NEEDLE_BYTES bytes and refuses longer ones', async () => {
    const { s, buf } = await place('ab'.repeat(200) + 'q' + 'c'.repeat(MAX_NEEDLE_BYTES) + 'q');
    expect(s.find(buf, 0, Buffer.from('q'), Buffer.from('q'))).toBe(400);
    const long = Buffer.from('c'.repeat(MAX_NEEDLE_BYTES));
    expect(s.find(buf, 0, long, long)).toBe(401);
    const tooLong = Buffer.from('c'.repeat(MAX_NEEDLE_BYTES + 1));
    expect(() => s.find(buf, 0, tooLong, tooLong)).toThrow(RangeError);
  });

  it('agrees with indexOf on arbitrary bytes, needles and offsets (property)', async () => {
    const s = await testScanner();
    // A small alphabet makes near-misses and overlapping candidates common.
    const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max }).map((a) => Buffer.from(a.map((c) => 97 + (c % 3))));
    await fc.assert(
      fc.asyncProperty(bytes(600), bytes(8), bytes(40), fc.nat(), fc.nat(), async (hay, a0, b0, cut, fromSeed) => {
        const a = a0.length > 0 ? a0 : Buffer.from('a');
        const b = b0.length > 0 ? b0.subarray(0, MAX_NEEDLE_BYTES) : Buffer.from('b');
        const room = s.alloc(hay.length + 200)!;
        room.fill(97, hay.length); // more of the alphabet after the end
        hay.copy(room);
        const end = hay.length === 0 ? 0 : cut % (hay.length + 1);
        const buf = room.subarray(0, end);
        const from = end === 0 ? 0 : fromSeed % (end + 1);
        const at = s.find(buf, from, a, b);
        const ok =
          at === firstOf(buf, from, a, b) &&
          (at >= 0 || s.linesFound === newlines(buf.subarray(from))) && // counted while searching
          s.count(buf) === newlines(buf);
        // One needle in both slots: searched alone (`find1`).
        const alone = s.find(buf, from, b, b);
        const okAlone = alone === buf.indexOf(b, from) && (alone >= 0 || s.linesFound === newlines(buf.subarray(from)));
        s.release(room);
        return ok && okAlone;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ByteScanner memory', () => {
  it('hands released buffers out again, and growing keeps earlier buffers valid', async () => {
    const s = await testScanner();
    const first = s.alloc(1000)!;
    first.write('kept across growth');
    s.release(first);
    const again = s.alloc(1000)!;
    expect(again.byteOffset).toBe(first.byteOffset);
    const big = s.alloc(8 * 1024 * 1024)!; // grows the memory
    expect(big.length).toBe(8 * 1024 * 1024);
    expect(again.toString('latin1', 0, 18)).toBe('kept across growth');
    expect(s.owns(again) && s.owns(big) && s.owns(big.subarray(5))).toBe(true);
    expect(s.owns(Buffer.alloc(10))).toBe(false);
    big.fill(10);
    expect(s.count(big)).toBe(big.length);
  });

  it('says when the memory is full instead of growing past 1 GiB', async () => {
    const s = await testScanner();
    expect(s.alloc(1024 * 1024 * 1024)).toBeNull();
  });
});
