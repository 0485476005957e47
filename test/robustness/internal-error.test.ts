// A bug must end in a short report (version, command, error, how far reading got) and exit 70,
// never in a raw stack trace alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/cli.js';
import { run } from './spawn.js';

const LINES = [
  '2026-11-21 18:05:06.102 25689 INFO nova.compute.manager [None req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70 u p - - d d] Starting instance...',
  '2026-11-21 18:05:06.103 25689 ERROR nova.compute.manager [-] Traceback (most recent call last):',
  'not a log line',
].join('\n') + '\n';

async function inProcess(argv: string[], stdin: Readable, out: (s: string) => void = () => {}) {
  let stderr = '';
  const code = await main({
    argv, env: {}, stdin, stdinIsPiped: true, stdoutIsTTY: false, stderrIsTTY: false, columns: 120,
    out, err: (s) => void (stderr += s),
  });
  return { code, stderr };
}

describe('internal errors', () => {
  it('a failure while reading: exit 70, a report with version, command, error and the input read so far', async () => {
    // A stream that hands over a number instead of bytes after the first chunk: a TypeError deep inside.
    const stdin = Readable.from([Buffer.from(LINES), 42 as unknown as Buffer]);
    const r = await inProcess(['list', '--json'], stdin);
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^nova-trace: internal error \(this is a bug; please report it with the lines below\)\n/);
    expect(r.stderr).toMatch(/\n {2}version: \d+\.\d+\.\d+, node v\d+/);
    expect(r.stderr).toContain('\n  command: nova-trace list --json\n');
    expect(r.stderr).toMatch(/\n {2}error: {3}TypeError: /);
    expect(r.stderr).toContain('\n  input:   <stdin>: 3 lines read (2 records, 1 folded, 0 unparsed, 0 skipped)\n');
  });

  it('a failure after reading (writing the output): the report has the accounting the command noted', async () => {
    const r = await inProcess(['list'], Readable.from([Buffer.from(LINES)]), () => {
      throw new RangeError('out of paper');
    });
    expect(r.code).toBe(70);
    expect(r.stderr).toContain('  error:   RangeError: out of paper\n');
    expect(r.stderr).toContain('  input:   <stdin>: 3 lines read');
  });

  it('the built binary: exit 70 and the report, not a bare stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nova-trace-bug-'));
    const preload = join(dir, 'break-json.mjs');
    writeFileSync(preload, "JSON.stringify = () => { throw new TypeError('injected bug'); };\n");
    const r = run(['list', '--json', join(ROOT, 'fixtures/formats/oslo-zed/n-cpu.log')], { env: { NODE_OPTIONS: `--import=${preload}` } });
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nova-trace: internal error');
    expect(r.stderr).toContain('  error:   TypeError: injected bug\n');
    expect(r.stderr).toMatch(/ {2}input: {3}\S+n-cpu\.log: 26 lines read \(16 records, 10 folded, 0 unparsed, 0 skipped\)/);
  });
});
