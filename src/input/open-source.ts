// Opens one input as a stream of raw byte chunks: plain files, gzip (recognised by its magic bytes, not
// by its name), and already-open streams (stdin). Damage is reported as a warning, never thrown after
// data has flowed: a truncated .gz yields the lines before the damage.
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { ByteScanner } from './byte-scan.js';

export type InputSpec =
  | { kind: 'file'; path: string }
  | { kind: 'stream'; name: string; stream: Readable };

export interface OpenedSource {
  name: string;
  /** `gzip` when the content was gzip, else `plain`. */
  encoding: 'plain' | 'gzip';
  /** File modification time (epoch ms), used to infer the year of year-less timestamps. */
  mtime: number | null;
  chunks: AsyncIterable<Buffer>;
}

/** Bytes per read. Every source open at once holds two (the merge reads all sources together). */
const READ_CHUNK = 512 * 1024;

export function sourceName(spec: InputSpec): string {
  return spec.kind === 'file' ? spec.path : spec.name;
}

/**
 * Opens a source. Throws InputError (with the path) when it cannot be opened at all. `readBytes` is the
 * size of each read of a plain file (two such buffers per source): large for the request trace, whose
 * reads overlap a fast byte search; smaller where every line is parsed and many sources are open at
 * once (`list` of 27 files: 28 MB of buffers at 512 KiB). With a `scanner`, a plain file is read into
 * its memory (where the fast path searches it), and the buffers are given back once read.
 */
export async function openSource(spec: InputSpec, warnings: string[], readBytes = READ_CHUNK, scanner: ByteScanner | null = null): Promise<OpenedSource> {
  if (spec.kind === 'stream') {
    return { name: spec.name, encoding: 'plain', mtime: null, chunks: sniffStream(spec.stream, spec.name, warnings) };
  }
  const path = spec.path;
  let head = Buffer.alloc(0);
  let mtime: number | null = null;
  let isFifo = false;
  let isEmptyFile = false;
  let fh: FileHandle | undefined;
  try {
    // stat first: opening a FIFO would block until a writer appears, and could be read only once.
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory with no Nova logs in it');
    isFifo = st.isFIFO();
    mtime = st.mtimeMs;
    isEmptyFile = st.isFile() && st.size === 0;
    if (st.isFile()) {
      // Opened once: sniffed with a positioned read (the file position stays at 0), then read from.
      fh = await open(path, 'r');
      const buf = Buffer.alloc(2);
      const { bytesRead } = await fh.read(buf, 0, 2, 0);
      head = buf.subarray(0, bytesRead);
    }
  } catch (err) {
    await fh?.close().catch(() => undefined);
    if (err instanceof InputError) throw err;
    throw new InputError(path, describeFsError(err));
  }
  const named = /\.gz$/i.test(path);
  if (isFifo) {
    // A FIFO can be read only once: sniff its first bytes from the stream itself.
    return { name: path, encoding: 'plain', mtime, chunks: sniffStream(createReadStream(path, { highWaterMark: READ_CHUNK }), path, warnings) };
  }
  if (isGzip(head)) {
    await fh?.close().catch(() => undefined);
    return { name: path, encoding: 'gzip', mtime, chunks: gunzip(createReadStream(path, { highWaterMark: READ_CHUNK }), path, warnings) };
  }
  if (named) {
    warnings.push(head.length === 0 ? `${path}: empty .gz file` : `${path}: named .gz but not gzip data; read as plain text`);
  } else if (isEmptyFile) {
    warnings.push(`${path}: empty file`); // say so: an empty input is often the wrong file (rotated away)
  }
  return { name: path, encoding: 'plain', mtime, chunks: readPlainFile(path, fh, readBytes, warnings, scanner) };
}

/**
 * A plain file's bytes in pieces of `readBytes` read into two buffers used in turn: the next piece is read
 * (by libuv's thread pool, on the other core) while the caller works on this one, and no buffer is
 * allocated per piece (a fresh Buffer per 256 KiB read was 20% of a 1 GiB request trace in GC and
 * allocation). A yielded buffer is valid only until the caller asks for the next piece:
 * callers copy what they keep (line-chunks copies a carried partial line; parsing decodes to strings).
 */
async function* readPlainFile(path: string, opened: FileHandle | undefined, readBytes: number, warnings: string[], scanner: ByteScanner | null): AsyncGenerator<Buffer> {
  let fh: FileHandle;
  try {
    fh = opened ?? (await open(path, 'r'));
  } catch (err) {
    warnings.push(`${path}: read failed: ${describeFsError(err)}`);
    return;
  }
  const buffer = () => scanner?.alloc(readBytes) ?? Buffer.allocUnsafe(readBytes);
  const bufs = [buffer(), buffer()];
  let turn = 0;
  // The read ahead may fail while the caller is busy: handled here so that it is never an unhandled
  // rejection, and reported when awaited.
  const readInto = (buf: Buffer) => {
    const p = fh.read(buf, 0, readBytes, null);
    p.catch(() => undefined);
    return p;
  };
  let pending = readInto(bufs[0]!);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const cur = bufs[turn]!;
      turn ^= 1;
      pending = readInto(bufs[turn]!);
      yield cur.subarray(0, bytesRead);
    }
  } catch (err) {
    warnings.push(`${path}: read failed: ${describeFsError(err)}`);
  } finally {
    // Stopped early (or failed): let the read in flight finish before closing its file.
    await pending.catch(() => undefined);
    await fh.close().catch(() => undefined);
    // Nothing reads them any more: the caller asked for the next piece (or stopped), and what it keeps
    // of a piece it copies.
    for (const b of bufs) scanner?.release(b);
  }
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Reads a stream, reporting a read error as a warning instead of throwing (data already read is kept). */
async function* guard(stream: Readable, name: string, warnings: string[]): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (err) {
    warnings.push(`${name}: read failed: ${describeFsError(err)}`);
  }
}

/** Compressed bytes handed to zlib per write: bounds what one write can expand to (a gzip bomb). */
const GZIP_SLICE = 16 * 1024;

async function* gunzip(stream: Readable, name: string, warnings: string[]): AsyncGenerator<Buffer> {
  // The default flush hands over everything decoded before a truncation and then fails with
  // "unexpected end of file", which is how a truncated file is told from a complete one.
  // Output is taken from 'data' events and each write is awaited before the next: iterating the
  // zlib stream instead loses the output still buffered in it when the error destroys it, so how
  // many lines of a truncated file were read depended on chunk timing (found by test/robustness).
  const z = createGunzip({ chunkSize: 64 * 1024 });
  const out: Buffer[] = [];
  let failed: Error | null = null;
  z.on('data', (c: Buffer) => out.push(c));
  z.on('error', (err) => (failed ??= err));
  const write = (b: Buffer) => new Promise<void>((resolve) => z.write(b, () => resolve()));
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      for (let i = 0; i < buf.length && failed === null; i += GZIP_SLICE) {
        await write(buf.subarray(i, i + GZIP_SLICE));
        while (out.length > 0) yield out.shift()!;
      }
      if (failed !== null) break;
    }
    if (failed === null) {
      await new Promise<void>((resolve) => {
        z.once('end', resolve);
        z.once('error', () => resolve());
        z.end();
      });
    }
    while (out.length > 0) yield out.shift()!;
  } catch (err) {
    warnings.push(`${name}: read failed: ${describeFsError(err)}`);
  } finally {
    stream.destroy();
    z.destroy();
  }
  const err = failed as Error | null;
  if (err !== null) {
    const msg = (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end/i.test(String(err.message))
      ? 'gzip data is truncated; lines before the damage were read'
      : `gzip data is damaged (${err.message}); lines before the damage were read`;
    warnings.push(`${name}: ${msg}`);
  }
}

/** For streams (stdin, FIFOs): decide plain or gzip from the first bytes that arrive. */
async function* sniffStream(stream: Readable, name: string, warnings: string[]): AsyncGenerator<Buffer> {
  const it = guard(stream, name, warnings)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  let head: Buffer = first.value;
  while (head.length < 2) {
    const more = await it.next();
    if (more.done) break;
    head = Buffer.concat([head, more.value]);
  }
  const rest: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      yield head;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    },
  };
  if (!isGzip(head)) {
    yield* rest;
    return;
  }
  const { Readable: R } = await import('node:stream');
  yield* gunzip(R.from(rest), name, warnings);
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EIO':
      return 'I/O error';
    default:
      return e?.message ?? String(err);
  }
}
