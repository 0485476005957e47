// Whatever is on disk: every bad input gives a clear message naming the path and the problem, the
// other inputs are still read, and the exit code is the one of design.md (2 when an input could not
// be read at all; 0 when it was read, damaged or not, with a warning). Spawns the built binary.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { CAN_DROP_ROOT, clean, run, start } from './spawn.js';

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const GOOD = join(ROOT, 'fixtures', 'formats', 'oslo-zed', 'n-cpu.log');
const text = readFileSync(GOOD, 'utf8');
let dir: string;
const p = (name: string) => join(dir, name);

/** Deterministic binary junk (an LCG), all 256 byte values. */
function junk(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nova-trace-inputs-'));
  chmodSync(dir, 0o755); // readable by `nobody` for the permission tests
  copyFileSync(GOOD, p('good.log'));
  writeFileSync(p('empty.log'), '');
  const gz = gzipSync(text.repeat(200));
  writeFileSync(p('truncated.log.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(p('not-gzip.log.gz'), text);
  writeFileSync(p('zero.log.gz'), '');
  writeFileSync(p('binary.log'), junk(64 * 1024));
  writeFileSync(p('nginx.log'), '10.0.0.1 - - [21/Nov/2026:18:05:06 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5"\n10.0.0.2 - - [21/Nov/2026:18:05:07 +0000] "GET /x HTTP/1.1" 404 0 "-" "curl/8.5"\n');
  writeFileSync(p('secret.log'), text);
  chmodSync(p('secret.log'), 0);
  mkdirSync(p('no-logs'));
  writeFileSync(p('no-logs/readme.md'), 'nothing here\n');
  // A folder with a symlink loop, a dangling link, a link to a log and a self-referencing link.
  mkdirSync(p('loops'));
  chmodSync(p('loops'), 0o755);
  copyFileSync(GOOD, p('loops/nova-compute.log'));
  symlinkSync(p('loops'), p('loops/again'));
  symlinkSync('/nonexistent/nova-api.log', p('loops/nova-api.log'));
  symlinkSync(p('good.log'), p('loops/nova-conductor.log'));
  symlinkSync('nova-scheduler.log', p('loops/nova-scheduler.log'));
  mkdirSync(p('fifo-folder'));
  copyFileSync(GOOD, p('fifo-folder/nova-compute.log'));
  execFileSync('mkfifo', [p('fifo-folder/nova-api.log')]);
  execFileSync('mkfifo', [p('pipe.log')]);
  mkdirSync(p('locked/sub'), { recursive: true });
  chmodSync(p('locked'), 0o755);
  copyFileSync(GOOD, p('locked/nova-compute.log'));
  copyFileSync(GOOD, p('locked/sub/nova-api.log'));
  chmodSync(p('locked/sub'), 0);
});

afterAll(() => {
  chmodSync(p('locked/sub'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `list --json` over the bad input and good.log; checks that good.log was still read. */
function listWith(bad: string, opts: { asNobody?: boolean } = {}) {
  const r = run(['list', '--json', '--all', bad, p('good.log')], opts);
  expect(clean(r.stderr), r.stderr).toBe(true);
  const doc = JSON.parse(r.stdout);
  const good = doc.sources.find((s: { path: string }) => s.path === p('good.log'));
  expect(good?.linesRead, 'the good input is still read').toBe(26);
  return { ...r, doc };
}

describe('bad inputs: a clear message, the others still read, the right exit code', () => {
  it('missing file: exit 2, names the path', () => {
    const r = listWith(p('missing.log'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`nova-trace: ${p('missing.log')}: no such file or directory\n`);
  });

  it('folder without logs: exit 2, names the folder and what was looked for', () => {
    const r = listWith(p('no-logs'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`nova-trace: ${p('no-logs')}: folder holds no log files`);
  });

  it.runIf(CAN_DROP_ROOT || process.getuid?.() !== 0)('permission denied (file, and subfolder): exit 2, names the path', () => {
    const r = listWith(p('secret.log'), { asNobody: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`nova-trace: ${p('secret.log')}: permission denied\n`);
    const f = run(['list', '--json', p('locked')], { asNobody: true });
    expect(f.code).toBe(2);
    expect(f.stderr).toBe(`nova-trace: ${p('locked/sub')}: permission denied\n`);
    expect(JSON.parse(f.stdout).sources.map((s: { path: string }) => s.path)).toEqual([p('locked/nova-compute.log')]);
  });

  it('FIFO named explicitly: read like a file', async () => {
    const child = start(['list', '--json', p('pipe.log')]);
    writeFileSync(p('pipe.log'), text); // blocks until the reader has opened the FIFO
    const r = await child.done;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sources[0].linesRead).toBe(26);
  });

  it('FIFO inside a folder: not opened (it could block forever), reported; the rest is read', () => {
    const r = run(['list', '--json', p('fifo-folder')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p('fifo-folder/nova-api.log')}: is a FIFO; name it explicitly to read it`);
    expect(JSON.parse(r.stdout).sources.map((s: { path: string }) => s.path)).toEqual([p('fifo-folder/nova-compute.log')]);
  });

  it('empty file: read (0 lines), exit 0, a warning naming it', () => {
    const r = listWith(p('empty.log'));
    expect(r.code).toBe(0);
    const s = r.doc.sources.find((x: { path: string }) => x.path === p('empty.log'));
    expect(s.linesRead).toBe(0);
    expect(s.warnings).toEqual([`${p('empty.log')}: empty file`]);
    expect(r.stderr).toContain(`nova-trace: warning: ${p('empty.log')}: empty file`);
  });

  it('truncated .gz: the lines before the damage, a warning naming it, exit 0', () => {
    const r = listWith(p('truncated.log.gz'));
    expect(r.code).toBe(0);
    const s = r.doc.sources.find((x: { path: string }) => x.path === p('truncated.log.gz'));
    expect(s.linesRead).toBeGreaterThan(26);
    expect(s.linesRead).toBeLessThan(26 * 200);
    expect(s.warnings).toEqual([`${p('truncated.log.gz')}: gzip data is truncated; lines before the damage were read`]);
    expect(r.stderr).toContain('truncated.log.gz: gzip data is truncated');
    const text = run(['list', p('truncated.log.gz')]);
    expect(text.stdout).toContain('warning: ' + p('truncated.log.gz') + ': gzip data is truncated');
  });

  it('.gz that is not gzip: read as text with a warning; a 0-byte .gz: a warning', () => {
    const r = listWith(p('not-gzip.log.gz'));
    expect(r.code).toBe(0);
    const s = r.doc.sources.find((x: { path: string }) => x.path === p('not-gzip.log.gz'));
    expect(s.records).toBe(16);
    expect(s.warnings).toEqual([`${p('not-gzip.log.gz')}: named .gz but not gzip data; read as plain text`]);
    const z = listWith(p('zero.log.gz'));
    expect(z.code).toBe(0);
    expect(z.doc.sources.find((x: { path: string }) => x.path === p('zero.log.gz')).warnings).toEqual([`${p('zero.log.gz')}: empty .gz file`]);
  });

  it('symlink loops and dangling links in a folder: loops not followed, links to logs read, bad links named', () => {
    const r = run(['list', '--json', p('loops')]);
    expect(clean(r.stderr)).toBe(true);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      `nova-trace: ${p('loops/nova-api.log')}: symbolic link to nothing readable: no such file or directory`,
      `nova-trace: ${p('loops/nova-scheduler.log')}: symbolic link to nothing readable: too many levels of symbolic links`,
    ]);
    expect(JSON.parse(r.stdout).sources.map((s: { path: string }) => s.path)).toEqual([p('loops/nova-compute.log'), p('loops/nova-conductor.log')]);
    const g = run(['list', '--json', join(p('loops'), '*.log')]);
    expect(g.code).toBe(2);
    expect(JSON.parse(g.stdout).sources.map((s: { path: string }) => s.path)).toEqual([p('loops/nova-compute.log'), p('loops/nova-conductor.log')]);
  });

  it('a symlink loop named directly: exit 2, names it', () => {
    const r = listWith(p('loops/nova-scheduler.log'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`nova-trace: ${p('loops/nova-scheduler.log')}: too many levels of symbolic links\n`);
  });

  it('binary junk and another service\'s log: every line counted as unparsed, a warning, exit 0', () => {
    for (const name of ['binary.log', 'nginx.log']) {
      const r = listWith(p(name));
      expect(r.code).toBe(0);
      const s = r.doc.sources.find((x: { path: string }) => x.path === p(name));
      expect(s.records).toBe(0);
      expect(s.linesRead).toBe(s.unparsed);
      expect(s.warnings).toEqual([`${p(name)}: no line in a known log format (${s.unparsed} lines unparsed)`]);
    }
  });

  it('text output names every warning under the output; --quiet and --json move them to stderr', () => {
    const t = run(['list', p('empty.log'), p('good.log')]);
    expect(t.stdout).toContain(`warning: ${p('empty.log')}: empty file`);
    expect(t.stderr).toBe('');
    const q = run(['list', '-q', p('empty.log'), p('good.log')]);
    expect(q.stdout).not.toContain('warning');
    expect(q.stderr).toBe(`nova-trace: warning: ${p('empty.log')}: empty file\n`);
    const tr = run([REQ, '--json', p('empty.log'), p('good.log')]);
    expect(tr.code).toBe(0);
    expect(tr.stderr).toBe(`nova-trace: warning: ${p('empty.log')}: empty file\n`);
  });

  it('every input bad at once: each named, exit 2, no stack trace', () => {
    const r = run(['list', p('missing.log'), p('no-logs'), p('truncated.log.gz'), p('zero.log.gz'), p('loops/nova-api.log'), p('binary.log')]);
    expect(r.code).toBe(2);
    expect(clean(r.stderr)).toBe(true);
    for (const name of ['missing.log', 'no-logs', 'loops/nova-api.log']) expect(r.stderr).toContain(p(name));
    for (const name of ['truncated.log.gz', 'zero.log.gz', 'binary.log']) expect(r.stdout).toContain(`warning: ${p(name)}`);
  });
});
