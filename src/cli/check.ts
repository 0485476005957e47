// `nova-trace check [paths…] --expect FILE`: compare what the logs show with an expectation file
// (exit 0 all pass, 1 any deviation, 2 bad expectation file or input); `--update` writes the file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  evaluate,
  formatOf,
  loadExpectations,
  refreshExpectations,
  renderCheckJson,
  renderCheckText,
  renderJunit,
  renderMarkdown,
  SCHEMA_URL,
  serializeExpectations,
  type ExpectationFile,
} from '../check/index.js';
import { UsageError } from '../errors.js';
import { loadModels } from '../models/index.js';
import { plural } from '../report/format.js';
import { renderSources } from '../report/summary-text.js';
import { outputFormat, parseYear, renderContext, type CommonOptions } from './common.js';
import { resolveInputs } from './inputs.js';
import type { Io } from './io.js';
import { runOperations, thinFromEnv } from './operations.js';

export interface CheckOptions extends CommonOptions {
  expect: string;
  update?: boolean;
  budgets?: string;
}

const posix = (p: string) => p.split(sep).join('/');

export function parseBudgets(text: string | undefined): number | null {
  if (text === undefined) return null;
  const m = /^(\d+(?:\.\d+)?)x?$/i.exec(text.trim());
  const f = m ? Number(m[1]) : NaN;
  if (!(f >= 1)) throw new UsageError(`--budgets ${text}: expected a factor of at least 1, such as 3x`);
  return f;
}

export async function runCheck(paths: string[], opts: CheckOptions, io: Io): Promise<number> {
  const file = opts.expect;
  const format = outputFormat(opts, 'text');
  const yearOption = parseYear(opts.year);
  const budgets = parseBudgets(opts.budgets);
  if (budgets !== null && !opts.update) throw new UsageError('--budgets only applies with --update');
  const models = loadModels(opts.models ?? []);
  let expectations: ExpectationFile | null = null;
  if (existsSync(file) || !opts.update) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`${file}: cannot read the expectation file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    expectations = loadExpectations(file, text, models);
  }

  // Paths on the command line win; else the file's own inputs, relative to the file.
  const fileInputs = (expectations?.spec.inputs ?? []).map((p) => (isAbsolute(p) ? p : join(dirname(file), p)));
  const inputPaths = paths.length > 0 ? paths : fileInputs;
  const inputs = await resolveInputs(inputPaths, io, opts.quiet === true);
  const year = yearOption ?? expectations?.spec.year ?? null;
  const run = await runOperations({ inputs: inputs.specs, year, modelDirs: opts.models ?? [], thin: thinFromEnv(io.env) });
  const problems = [...inputs.problems, ...run.summary.problems];
  for (const p of problems) io.err(`nova-trace: ${p}\n`);

  if (opts.update) {
    if (problems.length > 0) {
      io.err(`nova-trace: ${file} not written: not every input could be read\n`);
      return 2;
    }
    const given = paths.filter((p) => p !== '-');
    const refreshed = refreshExpectations(expectations?.spec ?? null, run.results, {
      budgets,
      schemaRef: posix(relative(dirname(file), fileURLToPath(SCHEMA_URL))),
      inputs: given.length > 0 ? given.map((p) => posix(relative(dirname(file), p)) || '.') : null,
      year: yearOption,
    });
    writeFileSync(file, serializeExpectations(refreshed.spec, formatOf(file)));
    for (const d of refreshed.dropped) io.err(`nova-trace: dropped, no longer holds: ${d}\n`);
    if (!opts.quiet) io.err(`nova-trace: wrote ${plural(refreshed.spec.expectations.length, 'expectation')} (${plural(run.results.length, 'operation')}) to ${file}\n`);
    return 0;
  }

  const report = evaluate(expectations!, run.results);
  if (format === 'json') io.out(renderCheckJson(report, run.summary.sources, run.results) + '\n');
  else if (format === 'junit') io.out(renderJunit(report));
  else if (format === 'markdown') io.out(renderMarkdown(report));
  else {
    const ctx = renderContext(opts, io);
    const parts = [renderCheckText(report, ctx)];
    if (!opts.quiet) parts.push(renderSources(run.summary.sources, ctx));
    io.out(parts.join('\n') + '\n');
  }
  if (problems.length > 0) return 2;
  return report.failed > 0 ? 1 : 0;
}
