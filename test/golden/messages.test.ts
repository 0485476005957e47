// Every message in a model fixture is a real Nova line: its first line matches, anchored, a template of
// the reference catalogue (../shared/reference/nova-messages.json: logger, level and regex) or a line shape
// seen in the Zed lab recordings or quoted in the reference (scripts/fixtures/shapes.json, each with where
// it comes from). WARNING and above may carry oslo's `: <Exception>: <text>` error summary. Skipped when
// the reference folder is absent (a clean clone).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarios } from '../../scripts/render-fixture.mjs';
import { expandScenario, readScenario } from '../../scripts/fixtures/scenario.mjs';
import { ROOT } from '../helpers/cli.js';

const CATALOGUE = join(ROOT, '..', 'shared', 'reference', 'nova-messages.json');
const SHAPES = join(ROOT, 'scripts', 'fixtures', 'shapes.json');

interface Shape {
  logger: string;
  level: string;
  re: RegExp;
  from: string;
}

function shapes(): Shape[] {
  const t = JSON.parse(readFileSync(CATALOGUE, 'utf8')) as Array<{ logger: string; level: string; regex_hint: string; source: string }>;
  const extra = JSON.parse(readFileSync(SHAPES, 'utf8')).shapes as Array<{ logger: string; level: string; msg: string; from: string }>;
  return [
    ...t.map((x) => ({ logger: x.logger.split(' ')[0]!, level: x.level, re: new RegExp(`^(?:${x.regex_hint})$`, 'su'), from: x.source })),
    ...extra.map((x) => ({ logger: x.logger, level: x.level, re: new RegExp(`^(?:${x.msg})$`, 'su'), from: x.from })),
  ];
}

/** The message before oslo's `: <module.Class>: <text>` error summary (WARNING and above), or null. */
function withoutSummary(msg: string): string | null {
  for (let at = msg.indexOf(': '); at !== -1; at = msg.indexOf(': ', at + 1)) {
    const rest = msg.slice(at + 2);
    if (/^(?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*: /.test(rest)) return msg.slice(0, at);
  }
  return null;
}

describe.skipIf(!existsSync(CATALOGUE))('fixture messages are real Nova lines', () => {
  let all: Shape[] | undefined;
  const known = (logger: string, level: string, msg: string) =>
    (all ??= shapes()).some((s) => s.logger === logger && s.level === level && s.re.test(msg));
  for (const f of findScenarios()) {
    it(relative(ROOT, f), () => {
      const x = expandScenario(readScenario(f), f);
      const unknown: string[] = [];
      for (const e of x.events) {
        const variants = [{ logger: e.logger, msg: e.msg }];
        if (e.older && !e.older.skip) variants.push({ logger: e.older.logger, msg: e.older.msg });
        for (const v of variants) {
          const first = v.msg.split('\n')[0];
          let ok = known(v.logger, e.level, first);
          if (!ok && e.level !== 'DEBUG' && e.level !== 'INFO') {
            const head = withoutSummary(first);
            ok = head !== null && known(v.logger, e.level, head);
          }
          if (!ok) unknown.push(`${e.level} ${v.logger}: ${first.slice(0, 160)}`);
        }
      }
      expect(unknown, 'add the line to scripts/fixtures/shapes.json only if it is a real line (say where from)').toEqual([]);
    });
  }
});
