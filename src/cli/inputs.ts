// Paths on the command line → input specs. With no path: stdin when it is piped, else the usual places.
import { DEFAULT_LOCATIONS, resolvePaths, type InputSpec } from '../input/index.js';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';

export interface ResolvedInputs {
  specs: InputSpec[];
  /** Per-path problems (missing, unreadable, folder without logs): reported, and exit 2 at the end. */
  problems: string[];
}

export async function resolveInputs(paths: string[], io: Io, quiet: boolean): Promise<ResolvedInputs> {
  if (paths.length === 0) {
    if (io.stdinIsPiped) return { specs: [{ kind: 'stream', name: '<stdin>', stream: io.stdin }], problems: [] };
    // NOVA_TRACE_DEFAULT_PATHS (colon-separated) replaces the usual places, for unusual installs.
    const locations = io.env.NOVA_TRACE_DEFAULT_PATHS?.split(':').filter(Boolean) ?? DEFAULT_LOCATIONS;
    const found = await resolvePaths(locations);
    if (found.files.length === 0) {
      throw new UsageError(
        `no input: no paths were given, stdin is not piped, and no Nova logs were found in ${locations.join(' or ')}.\n` +
          'Give log files, folders or globs (e.g. nova-trace req-… /var/log/nova/), or pipe logs in (journalctl -o short-precise … | nova-trace list).',
      );
    }
    if (!quiet) io.err(`nova-trace: no paths given; reading ${found.files.length} files: ${found.files.join(', ')}\n`);
    return { specs: found.files.map((f) => ({ kind: 'file', path: f })), problems: [] };
  }
  const resolved = await resolvePaths(paths);
  let stdinUsed = false;
  const specs: InputSpec[] = [];
  for (const f of resolved.files) {
    if (f === '-') {
      if (!stdinUsed) specs.push({ kind: 'stream', name: '<stdin>', stream: io.stdin });
      stdinUsed = true;
    } else {
      specs.push({ kind: 'file', path: f });
    }
  }
  return { specs, problems: resolved.problems };
}
