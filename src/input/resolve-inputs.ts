// Turns what the user typed (files, folders, globs, `-`) into a list of inputs. Problems with one path
// (missing, unreadable, a folder without logs) are collected, never thrown: the other inputs still run.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describeFsError } from './open-source.js';

export interface ResolvedPath {
  /** Files to read, in a stable order. `-` stands for stdin. */
  files: string[];
  /** One message per path that yielded nothing, naming the path and the problem. */
  problems: string[];
}

/** Default places Nova logs live: packaged installs and devstack. */
export const DEFAULT_LOCATIONS = ['/var/log/nova', '/opt/stack/logs'];

const NOVA_NAME = /(?:^|[-_./])(?:nova|n-(?:api|cpu|cond|sch|super-cond|cond-cell\d+))(?:[-_.]|$)|^screen-n-/i;
const GLOB_CHARS = /[*?[\]{}]/;

/** True when a file name looks like a log we read inside a folder. */
export function looksLikeLog(name: string): boolean {
  return /\.log(?:\.\d+)?(?:\.gz)?$|\.gz$|^screen-n-.*\.txt|^n-.*\.log|\.txt(?:\.gz)?$/i.test(name);
}

/** True when a file name says it is a Nova log (used to prefer Nova logs in mixed folders). */
export function looksLikeNova(name: string): boolean {
  return NOVA_NAME.test(name);
}

export async function resolvePaths(paths: string[]): Promise<ResolvedPath> {
  const files: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      add('-');
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      if (GLOB_CHARS.test(p)) {
        // Symbolic links to files match too (onlyFiles would drop them); links to folders do not.
        // Loaded here, only for patterns: importing fast-glob costs ~20 ms of every start-up.
        const { default: fg } = await import('fast-glob');
        const entries = await fg(p, { onlyFiles: false, dot: false, followSymbolicLinks: false, suppressErrors: true, objectMode: true });
        const matches: string[] = [];
        for (const e of entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
          if (await isReadableEntry(e.path, e.dirent, problems)) matches.push(e.path);
        }
        if (matches.length === 0 && entries.length === 0) problems.push(`${p}: no file matches this pattern`);
        matches.forEach(add);
      } else {
        problems.push(`${p}: ${describeFsError(err)}`);
      }
      continue;
    }
    if (st.isDirectory()) {
      const before = problems.length;
      const found = await scanFolder(p, problems);
      if (found.length === 0 && problems.length === before) problems.push(`${p}: folder holds no log files (*.log, *.log.N, *.gz, screen-n-*.txt, n-*.log)`);
      found.forEach(add);
    } else {
      add(p); // a file (or FIFO) named explicitly is always read, whatever its name
    }
  }
  return { files, problems };
}

/** The logs inside a folder (recursively, not following symlinked folders, so loops cannot trap us). */
export async function logsInFolder(dir: string): Promise<string[]> {
  return scanFolder(dir, []);
}

const MAX_DEPTH = 6;

type EntryKind = Pick<Dirent, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO'>;

/**
 * The logs inside a folder, and a problem for each one that cannot be read: a subfolder that cannot be
 * listed, a dangling or looping symbolic link, a FIFO (reading it could block forever). Symbolic links
 * to files are read; links to folders are not followed. (fast-glob's onlyFiles dropped linked log files
 * and its suppressErrors hid unreadable subfolders: found by test/robustness/inputs.)
 */
export async function scanFolder(dir: string, problems: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(rel === '' ? dir : join(dir, rel), { withFileTypes: true });
    } catch (err) {
      problems.push(`${rel === '' ? dir : join(dir, rel)}: ${describeFsError(err)}`);
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel === '' ? e.name : join(rel, e.name);
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(r, depth + 1);
      } else if (looksLikeLog(e.name) && (await isReadableEntry(join(dir, r), e, problems))) {
        found.push(r);
      }
    }
  };
  await walk('', 1);
  const nova = found.filter((e) => looksLikeNova(basename(e)));
  return (nova.length > 0 ? nova : found).sort(naturalCompare).map((e) => join(dir, e));
}

/** A file, or a symbolic link to one: true. A link to a folder: false. Anything unreadable: a problem. */
async function isReadableEntry(path: string, e: EntryKind | undefined, problems: string[]): Promise<boolean> {
  if (e !== undefined && e.isFile()) return true;
  if (e !== undefined && e.isDirectory()) return false;
  if (e !== undefined && !e.isSymbolicLink()) {
    problems.push(`${path}: is ${e.isFIFO() ? 'a FIFO' : 'not a regular file'}; name it explicitly to read it`);
    return false;
  }
  try {
    const st = await stat(path);
    if (st.isFile()) return true;
    if (!st.isDirectory()) problems.push(`${path}: symbolic link to something that is not a regular file; name it explicitly to read it`);
    return false;
  } catch (err) {
    problems.push(`${path}: symbolic link to nothing readable: ${describeFsError(err)}`);
    return false;
  }
}

/** Sorts `x.log.10` after `x.log.9`. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
