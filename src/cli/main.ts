// The command line: commander wiring, error → exit code mapping. Command modules are loaded lazily so
// that `--version` and `--help` stay fast.
import { Command, CommanderError, Option } from 'commander';
import { accountingOf } from '../analyze/accounting.js';
import { NovaTraceError } from '../errors.js';
import type { SourceStats } from '../types.js';
import { VERSION } from '../version.js';
import { addCommonOptions, addFilterOptions, type CommonOptions } from './common.js';
import { Interrupted, type Io } from './io.js';

export async function main(ioIn: Io): Promise<number> {
  let code = 0;
  // The accounting a command noted after reading, for the report of an error thrown later.
  let noted: SourceStats[] | null = null;
  const io: Io = { ...ioIn, noteAccounting: (sources) => (noted = sources) };
  const program = new Command('nova-trace')
    .description('What happened to a Nova request: reads nova-api, conductor, scheduler and compute logs,\ngroups lines into operations and reports stages, durations and failures.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showSuggestionAfterError(true);

  addCommonOptions(
    program
      .command('trace', { isDefault: true })
      .argument('<request-id>', 'req-<uuid> (or the bare uuid); a global request id shows every local request under it')
      .argument('[paths...]', 'log files, folders, globs, or - for stdin (default: stdin if piped, else /var/log/nova, /opt/stack/logs)')
      .addOption(new Option('--level <level>', 'show timeline lines at or above this level (matching still reads every line)').choices(['debug', 'info', 'warning', 'error']))
      .description('the timeline of one request across services and hosts (the default command)'),
    ['text', 'json'],
  ).action(async (id: string, paths: string[], opts: CommonOptions & { level?: string }) => {
    const { runTrace } = await import('./trace.js');
    code = await runTrace(id, paths, opts, io);
  });

  addCommonOptions(
    addFilterOptions(
      program
        .command('list')
        .argument('[paths...]', 'log files, folders, globs, or - for stdin')
        .description('every operation found: time, request, operation, instance, hosts, outcome, duration, failed stage'),
    )
      .option('--all', 'also list read-only API requests, event relays and unrecognised background segments')
      .option('--fail-on <outcome>', 'exit 1 when an operation has this outcome (failed)'),
    ['table', 'json', 'ndjson'],
  ).action(async (paths: string[], opts) => {
    const { runList } = await import('./list.js');
    code = await runList(paths, opts, io);
  });

  addCommonOptions(
    program
      .command('instance')
      .argument('<uuid>', 'the server (instance) uuid')
      .argument('[paths...]', 'log files, folders, globs, or - for stdin')
      .option('--all', 'also list what no model recognised: background segments, event relays, read-only calls')
      .description('the history of one server across requests, in order, with outcomes'),
    ['text', 'json'],
  ).action(async (uuid: string, paths: string[], opts) => {
    const { runInstance } = await import('./instance.js');
    code = await runInstance(uuid, paths, opts, io);
  });

  addCommonOptions(
    addFilterOptions(
      program
        .command('stats')
        .argument('[paths...]', 'log files, folders, globs, or - for stdin')
        .description('per operation and stage: count, failures, p50/p95/p99/max durations'),
    ),
    ['table', 'json'],
  ).action(async (paths: string[], opts) => {
    const { runStats } = await import('./stats.js');
    code = await runStats(paths, opts, io);
  });

  addCommonOptions(
    program
      .command('check')
      .argument('[paths...]', 'log files, folders, globs, or - for stdin (default: the inputs the expectation file lists)')
      .description('CI regression check: what the logs show against an expectation file (exit 1 on any deviation)')
      .requiredOption('--expect <file>', 'expectation file: JSON, or YAML if it ends .yaml/.yml (schema/expectations.schema.json)')
      .option('--update', 'write (or refresh) the expectation file from what the logs show now')
      .option('--budgets <factor>', 'with --update: also write duration budgets, observed × factor (e.g. 3x)'),
    ['text', 'json', 'junit', 'markdown'],
  ).action(async (paths: string[], opts) => {
    const { runCheck } = await import('./check.js');
    code = await runCheck(paths, opts, io);
  });

  addCommonOptions(program.command('models').description('the reference models and their stages'), ['text', 'json']).action(async (opts) => {
    const { runModels } = await import('./models.js');
    code = await runModels(opts, io);
  });

  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return code;
  } catch (err) {
    return handleError(err, io, noted);
  }
}

function handleError(err: unknown, io: Io, noted: SourceStats[] | null): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return 2; // commander already printed the message
  }
  if (err instanceof Interrupted) return 130; // the signal handler has said so on stderr
  if (err instanceof NovaTraceError) {
    io.err(`nova-trace: ${err.message}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  io.err(
    [
      'nova-trace: internal error (this is a bug; please report it with the lines below)',
      `  version: ${VERSION}, node ${process.version}`,
      `  command: nova-trace ${io.argv.join(' ')}`,
      `  error:   ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`,
      `  input:   ${inputReport(accountingOf(err) ?? noted)}`,
      ...(e?.stack ?? '').split('\n').slice(1, 6).map((l) => `  ${l.trim()}`),
      '',
    ].join('\n'),
  );
  return 70;
}

/** How far reading got, for the report: lines read and how they were accounted for, per source. */
function inputReport(sources: SourceStats[] | null): string {
  if (sources === null) return 'no input read yet';
  if (sources.length === 0) return 'no source opened';
  const one = (s: SourceStats) =>
    `${s.source}: ${s.linesRead} lines read (${s.records} records, ${s.folded} folded, ${s.unparsed} unparsed, ${s.skipped} skipped)`;
  const shown = sources.slice(0, 5).map(one);
  if (sources.length > 5) shown.push(`and ${sources.length - 5} more sources`);
  return shown.join('\n           ');
}
