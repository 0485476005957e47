// Pipes and signals: a closed pipe is not an error (exit 0, no EPIPE trace); Ctrl-C stops promptly
// with exit 130 and "interrupted" on stderr, and a --json document is never cut in half.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { clean, shell, start } from './spawn.js';

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
let big: Buffer;
let bigPath: string;

beforeAll(() => {
  // 25k boots: more than a page of `list` (20000 operations), so the table starts before the end.
  big = spawnSync(process.execPath, [join(ROOT, 'test/robustness/gen-ids.mjs'), '--ids', '25000', '--gap', '20'], { maxBuffer: 1 << 30 }).stdout;
  const dir = mkdtempSync(join(tmpdir(), 'nova-trace-signals-'));
  bigPath = join(dir, 'big.log');
  writeFileSync(bigPath, big);
});

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(20);
  }
  return cond();
}

describe('closed pipes', () => {
  it('list big.log | head -1: exit 0, no EPIPE trace', () => {
    for (const cmd of [`node "$BIN" list "$F" | head -1`, `node "$BIN" list --json "$F" | head -c 10`, `node "$BIN" list --format ndjson "$F" | head -1`]) {
      const r = shell(`${cmd} >/dev/null; echo "\${PIPESTATUS[0]}"`, { F: bigPath });
      expect(r.stdout.trim(), cmd).toBe('0');
      expect(r.stderr, cmd).toBe('');
    }
  });

  it('a request trace into head: exit 0', () => {
    const r = shell(`node "$BIN" ${REQ} fixtures/formats/oslo-zed/ | head -1; echo "\${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe(`${REQ}\n0\n`);
    expect(r.stderr).toBe('');
  });
});

describe('Ctrl-C (SIGINT)', () => {
  it('while reading: stops at once, exit 130, nothing on stdout with --json', async () => {
    for (const args of [['list', '--json'], [REQ, '--json'], ['list'], ['stats', '--json']]) {
      const p = start(args);
      p.child.stdin.write(big.subarray(0, 1 << 20)); // some input, and stdin left open: it would wait forever
      await sleep(500);
      const t0 = Date.now();
      p.child.kill('SIGINT');
      const r = await p.done;
      expect(Date.now() - t0, args.join(' ')).toBeLessThan(2000);
      expect(r.code, args.join(' ')).toBe(130);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toBe('nova-trace: interrupted\n');
    }
  });

  it('while a paged list is being written: stops at the next page, whole lines only, exit 130', async () => {
    const p = start(['list', '-'], { NOVA_TRACE_MAX_OPEN: '100' }); // evictions: operations close before the end
    p.child.stdin.write(big); // stdin left open
    expect(await until(() => p.output().stdout.length > 0, 60_000), 'the first page is written before the input ends').toBe(true);
    p.child.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('nova-trace: interrupted\n');
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.split('\n')[0]).toMatch(/^TIME\s+REQUEST/);
    expect(clean(r.stderr)).toBe(true);
  });

  it('a second Ctrl-C stops even a stalled writer', async () => {
    const p = start(['list', '-']);
    p.child.stdout.pause(); // nobody reads stdout: the writer stalls once the pipe is full
    p.child.stdin.write(big);
    p.child.stdin.end();
    await sleep(3000);
    p.child.kill('SIGINT');
    await sleep(200);
    p.child.kill('SIGINT');
    p.child.stdout.resume();
    const r = await p.done;
    expect(r.code).toBe(130);
  });
});
