// Options every command shares, merged once into a context (colours, widths, formats).
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { colorLevel, createPalette } from '../report/colors.js';
import type { RenderContext } from '../report/context.js';
import type { Io } from './io.js';

export interface CommonOptions {
  json?: boolean;
  format?: string;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  year?: string;
  models?: string[];
}

export function addCommonOptions(cmd: Command, formats: string[]): Command {
  return cmd
    .option('--json', 'print the versioned JSON document instead of text')
    .addOption(new Option('--format <format>', 'output format').choices(formats))
    // --color before --no-color, so that neither sets a default (commander's rule).
    .option('--color', 'colours even when not on a terminal')
    .option('--no-color', 'no colours (also NO_COLOR=1; FORCE_COLOR forces them)')
    .option('-q, --quiet', 'say nothing on stderr except errors')
    .option('--verbose', 'show folded tracebacks and continuation lines, untrimmed messages')
    .option('--year <year>', 'year of timestamps that have none (journalctl short formats)')
    .option('--models <dir...>', 'extra model files (add or override built-in models)');
}

export function renderContext(opts: CommonOptions, io: Io): RenderContext {
  const flag = opts.color === undefined ? undefined : opts.color;
  return {
    palette: createPalette(colorLevel({ flag, env: io.env, isTTY: io.stdoutIsTTY })),
    verbose: opts.verbose === true,
    width: io.stdoutIsTTY ? Math.max(80, io.columns) : 200,
  };
}

export function outputFormat(opts: CommonOptions, fallback: string): string {
  if (opts.json) return 'json';
  return opts.format ?? fallback;
}

export function parseYear(text: string | undefined): number | null {
  if (text === undefined) return null;
  const y = Number(text);
  if (!Number.isInteger(y) || y < 1970 || y > 2200) throw new UsageError(`--year ${text}: expected a four-digit year such as 2026`);
  return y;
}

export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--operation <ids>', 'only these operations (comma-separated model ids, e.g. boot,resize or reboot:hard)')
    .option('--outcome <outcomes>', 'only these outcomes: completed, failed, incomplete, unknown')
    .option('--instance <uuid>', 'only operations on this server')
    .option('--host <host>', 'only operations that touched this host')
    .option('--service <service>', 'only operations that involved this service (api, conductor, scheduler, compute)')
    .option('--since <time>', 'only operations ending at or after this time (as the logs write it: 2026-11-21 18:03)')
    .option('--until <time>', 'only operations starting at or before this time');
}
