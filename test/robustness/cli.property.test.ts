// Property tests on the command line, run in-process (main(io) with a generated stdin): every command
// on any input exits 0 (or 3: not found), never 70; --json prints one document that validates, or
// nothing; tables render; no stack trace on stderr.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { encode, INST, REQ, streamBytes } from './arbitraries.js';
import { validateOutput } from './pipeline.js';
import { params, TIMEOUT } from './settings.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], chunks: Buffer[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    env: { NO_COLOR: '1', ...env },
    stdin: Readable.from(chunks),
    stdinIsPiped: true,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: 120,
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
  });
  return { code, stdout, stderr };
}

const COMMANDS: string[][] = [
  ['list', '--json'],
  ['list', '--all'],
  ['list', '--format', 'ndjson', '-'],
  ['list', '--verbose', '--year', '2026'],
  [REQ, '--json'],
  [REQ, '--verbose'],
  [REQ.slice(4).toUpperCase()],
  ['instance', INST, '--json'],
  ['instance', INST],
  ['stats', '--json'],
  ['stats'],
];

function checkRun(argv: string[], r: CliRun): void {
  const what = `nova-trace ${argv.join(' ')}`;
  assert.ok(r.code === 0 || r.code === 3, `${what}: exit ${r.code}, stderr: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, `${what}: no internal error or stack trace`);
  if (r.code === 3) {
    assert.equal(r.stdout, '', `${what}: not found prints nothing on stdout`);
    assert.match(r.stderr, /not found/);
    return;
  }
  const json = argv.includes('--json');
  if (json && !argv.includes('stats')) {
    const doc = JSON.parse(r.stdout);
    assert.ok(validateOutput(doc), `${what}: JSON validates: ${JSON.stringify(validateOutput.errors)}`);
  } else if (json) {
    JSON.parse(r.stdout);
  } else if (argv.includes('ndjson')) {
    for (const line of r.stdout.split('\n').filter(Boolean)) JSON.parse(line);
  } else {
    assert.ok(r.stdout.length > 0, `${what}: prints something`);
    assert.doesNotMatch(r.stdout, /Invalid Date|\bundefined\b/, `${what}: no Invalid Date/undefined`);
  }
}

describe('CLI properties (in-process)', () => {
  it('every command on any stdin: exit 0 or 3, valid output, no stack trace', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(
        streamBytes(),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(...COMMANDS),
        fc.constantFrom('none' as const, 'full' as const),
        async (bytes, cuts, argv, gzip) => {
          const r = await runCli(argv, encode({ name: '<stdin>', bytes, cuts, gzip }));
          checkRun(argv, r);
        },
      ),
      params(250, 0.06),
    );
  });

  it('same stdin → same stdout, whatever the chunk boundaries', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(streamBytes(), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(...COMMANDS), async (bytes, cuts, argv) => {
        const a = await runCli(argv, [bytes]);
        const b = await runCli(argv, encode({ name: '<stdin>', bytes, cuts, gzip: 'none' }));
        assert.equal(b.code, a.code);
        assert.equal(b.stdout, a.stdout);
      }),
      params(100, 0.02),
    );
  });
});
