// Turns what the user typed (files, folders, globs, `-`) into a list of inputs. Problems with one path
// (missing, unreadable, a folder without logs) are collected, never thrown: the other inputs still run.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import fg from 'fast-glob';
import { describeFsError } from './open-source.js';

export interface ResolvedPath {
  /** Files to read, in a stable order. `-` stands for stdin. */
  files: string[];
  /** One message per path that yielded nothing, naming the path and the problem. */
  problems: string[];
}

/** Default places Nova logs live: packaged installs and devstack. */
export const DEFAULT_LOCATIONS = ['/var/log/nova', '/opt/stack/logs'];

const LOG_PATTERNS = ['**/*.log', '**/*.log.[0-9]*', '**/*.gz', '**/screen-n-*.txt*', '**/n-*.log*', '**/*.txt'];
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
        const matches = (await fg(p, { onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true })).sort();
        if (matches.length === 0) problems.push(`${p}: no file matches this pattern`);
        matches.forEach(add);
      } else {
        problems.push(`${p}: ${describeFsError(err)}`);
      }
      continue;
    }
    if (st.isDirectory()) {
      const found = await logsInFolder(p);
      if (found.length === 0) problems.push(`${p}: folder holds no log files (*.log, *.log.N, *.gz, screen-n-*.txt, n-*.log)`);
      found.forEach(add);
    } else {
      add(p); // a file (or FIFO) named explicitly is always read, whatever its name
    }
  }
  return { files, problems };
}

/** The logs inside a folder (recursively, not following symlinked folders, so loops cannot trap us). */
export async function logsInFolder(dir: string): Promise<string[]> {
  const entries = await fg(LOG_PATTERNS, {
    cwd: dir,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    deep: 6,
    dot: false,
  });
  const logs = entries.filter((e) => looksLikeLog(basename(e)));
  const nova = logs.filter((e) => looksLikeNova(basename(e)));
  return (nova.length > 0 ? nova : logs).sort(naturalCompare).map((e) => join(dir, e));
}

/** Sorts `x.log.10` after `x.log.9`. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
