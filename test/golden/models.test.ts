// Golden tests for the model fixtures: every fixtures/models/<model>/<case>.scenario.json is rendered (by
// scripts/render-fixture.mjs) as oslo files and as a journal stream; the built binary lists each rendering
// (`list <files> --json --all`) and the essentials of every operation must equal <case>.expected.json.
// All renderings of a case must reach the same conclusions. Lines logged outside the request (`[-]`,
// stale lifecycle ids) that the scenario says must attach are checked through `nova-trace <request-id>`.
//
// `UPDATE_GOLDEN=1 npx vitest run test/golden` rewrites the expected files and says which; a rendering marked
// `knownBug` in its scenario is never rewritten: its expected file holds what SHOULD be found, and the test
// is expected to fail (`it.fails`) until the bug is fixed, when it fails for real and the mark must go.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import {
  cliAsync,
  comparable,
  essentials,
  type Expected,
  inputArgs,
  knownBug,
  listCases,
  type OperationEssentials,
  RENDERINGS,
  type Rendering,
  type Run,
  stringify,
} from './cases.js';

const update = process.env.UPDATE_GOLDEN === '1';
const cases = listCases();

// Every run starts now, a few at a time; each test awaits its own.
const runs = new Map<string, Promise<Run>>();
function run(args: string[]): Promise<Run> {
  const key = args.join('\0');
  let p = runs.get(key);
  if (!p) {
    p = cliAsync(args);
    runs.set(key, p);
  }
  return p;
}
const listArgs = (c: (typeof cases)[number], r: Rendering) => ['list', ...inputArgs(c, r), '--json', '--all'];
const traceArgs = (c: (typeof cases)[number], r: Rendering, id: string) => ['trace', id, ...inputArgs(c, r), '--json'];
const attachAlias = (c: (typeof cases)[number], a: { request?: string }) => a.request ?? c.scenario.primary ?? 'req';
for (const c of cases) {
  for (const r of c.renderings) {
    void run(listArgs(c, r));
    for (const a of c.scenario.mustAttach ?? []) {
      const id = c.scenario.requests[attachAlias(c, a)]?.id;
      if (id) void run(traceArgs(c, r, id));
    }
  }
}
// The runs share one small pool started above, so a test may wait for others' runs before its own.
const WAIT = { timeout: 15 * 60_000 };

interface ListDoc {
  operations: Array<Parameters<typeof essentials>[0]['operations'][number] & { failure: { explanation?: string } | null }>;
}

async function listDoc(c: (typeof cases)[number], r: Rendering): Promise<ListDoc> {
  const res = await run(listArgs(c, r));
  expect(res.code, `${c.name} ${r}: exit code (stderr: ${res.stderr.slice(0, 500)})`).toBe(0);
  return JSON.parse(res.stdout) as ListDoc;
}

async function listed(c: (typeof cases)[number], r: Rendering): Promise<OperationEssentials[]> {
  return essentials(await listDoc(c, r));
}

function readExpected(file: string): Expected | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Expected) : null;
}

function writeExpected(c: (typeof cases)[number], r: Rendering, ops: OperationEssentials[]): void {
  const old = readExpected(c.expectedFile);
  const renderings: Expected['renderings'] = {};
  for (const k of RENDERINGS) {
    if (k === r) renderings[k] = { args: listArgs(c, r).map((a) => a.replace(`${relative(ROOT, c.dir)}/`, '')), operations: ops };
    else if (old?.renderings[k] && c.renderings.includes(k)) renderings[k] = old.renderings[k];
  }
  const doc: Expected = {
    $comment: 'Essentials of `nova-trace list <args> --json --all` per rendering (args relative to the case folder). Regenerate with UPDATE_GOLDEN=1 npx vitest run test/golden; never by hand, except for a knownBug rendering, which holds what should be found.',
    case: c.name,
    renderings,
  };
  writeFileSync(c.expectedFile, `${stringify(doc)}\n`);
  console.log(`UPDATE_GOLDEN: wrote ${relative(ROOT, c.expectedFile)} (${r})`);
}

describe('model fixtures (fixtures/models)', () => {
  it('has scenarios', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    describe(c.name, () => {
      for (const r of c.renderings) {
        const bug = knownBug(c, r);
        const test = bug ? it.fails : it;
        test(`${r}${bug ? ` — known bug: ${bug}` : ''}`, WAIT, async () => {
          const actual = await listed(c, r);
          const expected = readExpected(c.expectedFile)?.renderings[r];
          if (update && !bug) {
            if (!expected || JSON.stringify(expected.operations) !== JSON.stringify(actual)) writeExpected(c, r, actual);
            return;
          }
          expect(expected, `${relative(ROOT, c.expectedFile)} has no "${r}" rendering: run UPDATE_GOLDEN=1 npx vitest run test/golden`).toBeDefined();
          expect(actual).toEqual(expected!.operations);
        });
      }

      if (c.renderings.length > 1) {
        const bug = knownBug(c, 'agree');
        const test = bug ? it.fails : it;
        test(`${c.renderings.join(' = ')}${bug ? ` — known bug: ${bug}` : ''}`, WAIT, async () => {
          const [first, ...rest] = c.renderings as [Rendering, ...Rendering[]];
          const base = comparable(await listed(c, first), c.scenario.hosts.controller);
          for (const r of rest) expect(comparable(await listed(c, r), c.scenario.hosts.controller), `${r} vs ${first}`).toEqual(base);
        });
      }

      for (const text of c.scenario.mustExplain ?? []) {
        const req = c.scenario.requests[c.scenario.primary ?? 'req'];
        for (const r of c.renderings) {
          const bug = knownBug(c, 'explain');
          const test = bug ? it.fails : it;
          test(`${r}: the failure explanation names "${text}"`, WAIT, async () => {
            const ops = (await listDoc(c, r)).operations.filter((o) => o.requestId === req?.id && o.failure);
            expect(ops.map((o) => o.failure?.explanation ?? '').join('\n')).toContain(text);
          });
        }
      }

      for (const a of c.scenario.mustAttach ?? []) {
        const alias = attachAlias(c, a);
        const req = c.scenario.requests[alias];
        for (const r of c.renderings) {
          const bug = knownBug(c, 'attach');
          const test = bug ? it.fails : it;
          test(`${r}: /${a.msg}/ (logged outside ${alias}) attaches to ${alias}`, WAIT, async () => {
            expect(req, `request alias ${alias}`).toBeDefined();
            const res = await run(traceArgs(c, r, req!.id));
            expect(res.code, res.stderr.slice(0, 500)).toBe(0);
            const doc = JSON.parse(res.stdout) as { records: Array<{ requestId: string | null; message: string }> };
            const re = new RegExp(`^(?:${a.msg})$`, 's');
            const hits = doc.records.filter((x) => x.requestId !== req!.id && re.test(x.message));
            expect(hits.length, `records of ${req!.id} matching /${a.msg}/ from other contexts`).toBeGreaterThanOrEqual(a.min ?? 1);
          });
        }
      }
    });
  }
});
