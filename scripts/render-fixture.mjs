#!/usr/bin/env node
// Renders model fixtures from their scenarios. A scenario (fixtures/models/<model>/<case>.scenario.json) is
// an ordered list of log events; this writes the same events, beside it, as the logs Nova would have
// written them:
//   <case>/oslo/n-api.log n-cond.log n-sch.log n-cpu-<host>.log   oslo.log files, Zed+ context
//   <case>/journal/journal.txt                                     journalctl -o short-precise, devstack units
//   <case>/oslo-older/…                                            pre-Zed 5-field context (when asked for)
// The rendered logs are committed; test/golden/render.test.ts re-renders every scenario and compares byte
// for byte, so edit the scenario and re-run this, never the logs.
//
//   node scripts/render-fixture.mjs                 render every fixtures/models/*/*.scenario.json
//   node scripts/render-fixture.mjs <file|dir>...   render these
//   node scripts/render-fixture.mjs --check         write nothing; exit 1 if a committed rendering differs
// Plain Node, no dependencies.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderJournal } from './fixtures/render-journal.mjs';
import { renderOslo } from './fixtures/render-oslo.mjs';
import { expandScenario, loadScenario, ScenarioError } from './fixtures/scenario.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MODELS_DIR = join(ROOT, 'fixtures', 'models');
const SUFFIX = '.scenario.json';

/** Every scenario file under fixtures/models (sorted), or under the given files/folders. */
export function findScenarios(paths = [MODELS_DIR]) {
  const out = [];
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const n of readdirSync(p).sort()) {
        const q = join(p, n);
        if (n.endsWith(SUFFIX) || statSync(q).isDirectory()) walk(q);
      }
    } else if (p.endsWith(SUFFIX)) out.push(resolve(p));
  };
  for (const p of paths) walk(p);
  return [...new Set(out)].sort();
}

/** The folder a scenario renders into: `<case>/` beside `<case>.scenario.json`. */
export function caseDir(scenarioFile) {
  return join(dirname(scenarioFile), basename(scenarioFile, SUFFIX));
}

/** Renders an expanded scenario: Map<relative path inside the case folder, file text>. */
export function renderExpanded(x) {
  const out = new Map();
  for (const r of x.renderings) {
    const files = r === 'journal' ? renderJournal(x) : renderOslo(x, r === 'oslo-older' ? 'older' : 'zed');
    for (const [name, text] of files) out.set(`${r}/${name}`, text);
  }
  return out;
}

export function renderScenarioFile(file) {
  return renderExpanded(loadScenario(file));
}

export function renderScenario(scenario, file) {
  return renderExpanded(expandScenario(scenario, file));
}

/** Files currently in a case folder (relative paths). */
export function listCaseFiles(dir) {
  const out = [];
  const walk = (d, rel) => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p, rel ? `${rel}/${n}` : n);
      else out.push(rel ? `${rel}/${n}` : n);
    }
  };
  walk(dir, '');
  return out;
}

/** Differences between the committed rendering and a fresh one: [] when identical. */
export function diffRendering(file) {
  const fresh = renderScenarioFile(file);
  const dir = caseDir(file);
  const problems = [];
  const have = listCaseFiles(dir);
  for (const rel of have) if (!fresh.has(rel)) problems.push(`${rel}: not produced by the scenario (stale file)`);
  for (const [rel, text] of fresh) {
    const p = join(dir, rel);
    if (!existsSync(p)) problems.push(`${rel}: missing (run node scripts/render-fixture.mjs)`);
    else if (readFileSync(p, 'utf8') !== text) problems.push(`${rel}: differs from a fresh rendering (edited by hand? re-render)`);
  }
  return problems;
}

function main(argv) {
  const check = argv.includes('--check');
  const paths = argv.filter((a) => a !== '--check');
  const files = findScenarios(paths.length ? paths : [MODELS_DIR]);
  if (files.length === 0) {
    process.stderr.write(`no ${SUFFIX} files found\n`);
    return 2;
  }
  let bad = 0;
  for (const f of files) {
    const rel = relative(ROOT, f);
    try {
      if (check) {
        const problems = diffRendering(f);
        if (problems.length) {
          bad++;
          process.stderr.write(`${rel}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
        }
        continue;
      }
      const rendered = renderScenarioFile(f);
      const dir = caseDir(f);
      rmSync(dir, { recursive: true, force: true });
      for (const [name, text] of rendered) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      process.stdout.write(`${rel} → ${[...rendered.keys()].join(', ')}\n`);
    } catch (err) {
      bad++;
      process.stderr.write(err instanceof ScenarioError ? `${err.message}\n` : `${rel}: ${err.stack ?? err}\n`);
    }
  }
  return bad ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
