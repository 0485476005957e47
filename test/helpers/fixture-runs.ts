// Every set of logs the fixtures feed to nova-trace as one run, for tests that compare two ways of
// running over all of them (test/cli/thin.test.ts, test/cli/settle.test.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const FIXTURES = join(ROOT, 'fixtures');

/** The files of a folder that `keep` accepts, sorted, as paths. */
export function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .filter((f) => keep(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory())
    .sort()
    .map((f) => join(dir, f));
}

/** Every set of logs a fixture feeds to nova-trace as one run: name (its folder under fixtures/) → files. */
export function fixtureRuns(): Array<[string, string[]]> {
  const runs: Array<[string, string[]]> = [];
  const add = (dir: string, logs: string[]) => {
    if (logs.length > 0) runs.push([dir.slice(FIXTURES.length + 1), logs]);
  };
  for (const d of subdirs(join(FIXTURES, 'formats'))) add(d, files(d, (f) => !f.startsWith('expected.') && f !== 'context.json'));
  for (const d of subdirs(join(FIXTURES, 'lab'))) add(d, files(d, (f) => /\.log(\.gz)?$/.test(f)));
  for (const d of subdirs(join(FIXTURES, 'check'))) add(d, files(d, (f) => /\.log(\.gz)?$/.test(f)));
  for (const model of subdirs(join(FIXTURES, 'models'))) {
    for (const c of subdirs(model)) for (const rendering of subdirs(c)) add(rendering, files(rendering, () => true));
  }
  return runs;
}
