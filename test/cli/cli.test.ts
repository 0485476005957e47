import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
const CTX = `[None ${REQ} 6f1d2c3b4a5e46f7a8b9c0d1e2f3a4b5 9a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6 - - default default]`;
let dir: string;

const api = [
  `2026-11-21 18:03:50.100 1001 DEBUG nova.api.openstack.wsgi ${CTX} Action: 'create', calling method: <bound method ServersController.create of <nova.api.openstack.compute.servers.ServersController object at 0x7f>>, body: {"server": {"name": "vm1"}} _process_stack /usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py:511`,
  `2026-11-21 18:03:50.812 1001 INFO nova.osapi_compute.wsgi.server ${CTX} 127.0.0.1 "POST /v2.1/servers HTTP/1.1" status: 202 len: 414 time: 0.7120000`,
  `2026-11-21 18:03:51.000 1001 INFO nova.osapi_compute.wsgi.server [None req-11111111-2222-4333-8444-555555555555 6f1d2c3b4a5e46f7a8b9c0d1e2f3a4b5 9a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6 - - default default] 127.0.0.1 "GET /v2.1/servers/${INST} HTTP/1.1" status: 200 len: 1500 time: 0.0500000`,
].join('\n') + '\n';
const cpu = [
  `2026-11-21 18:03:52.000 2002 DEBUG nova.compute.manager ${CTX} [instance: ${INST}] Starting instance... _do_build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2478`,
  `2026-11-21 18:03:52.500 2002 ERROR nova.compute.manager ${CTX} [instance: ${INST}] Instance failed to spawn: nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed`,
  `2026-11-21 18:03:52.500 2002 ERROR nova.compute.manager [instance: ${INST}] Traceback (most recent call last):`,
  `2026-11-21 18:03:52.500 2002 ERROR nova.compute.manager [instance: ${INST}]   File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 2946, in _build_resources`,
  `2026-11-21 18:03:52.500 2002 ERROR nova.compute.manager [instance: ${INST}] nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed`,
  `2026-11-21 18:03:52.500 2002 ERROR nova.compute.manager [instance: ${INST}] `,
  `2026-11-21 18:03:53.000 2002 INFO nova.virt.libvirt.driver [-] [instance: ${INST}] Instance destroyed successfully.`,
].join('\n') + '\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nova-trace-cli-'));
  writeFileSync(join(dir, 'n-api.log'), api);
  writeFileSync(join(dir, 'n-cpu.log.1.gz'), gzipSync(cpu));
});

describe('nova-trace (built binary)', () => {
  it('prints its version, the one in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it('prints help listing the commands', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('trace');
  });

  it('traces a request across files, folding the traceback under its line', () => {
    const r = cli([REQ, dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Action: \'create\'');
    expect(r.stdout).toContain('Starting instance...');
    expect(r.stdout).toContain('traceback: 4 lines folded');
    expect(r.stdout).toContain('Instance destroyed successfully.'); // [-] line attached by instance
    expect(r.stdout).not.toContain('GET /v2.1/servers');
    expect(r.stdout).toMatch(/errors\s+1/);
    expect(r.stdout).toMatch(/services\s+api, compute/);
    expect(r.stdout).toMatch(/duration\s+2\.900s/);
  });

  it('--level thins the timeline shown but not the matching or the summary', () => {
    const r = cli([REQ, dir, '--level', 'info']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("Action: 'create'");
    expect(r.stdout).toContain('(2 lines below INFO not shown)');
    expect(r.stdout).toContain('Instance failed to spawn');
    expect(r.stdout).toMatch(/errors\s+1/);
  });

  it('accepts the bare uuid and upper case', () => {
    const r = cli([REQ.slice(4).toUpperCase(), join(dir, 'n-api.log')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('POST /v2.1/servers');
  });

  it('shows folded tracebacks with --verbose', () => {
    const r = cli([REQ, dir, '--verbose']);
    expect(r.stdout).toContain('File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 2946');
  });

  it('prints JSON with schema version, records and per-source accounting', () => {
    const r = cli([REQ, dir, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.records.map((x: { requestId: string | null }) => x.requestId)).toEqual([REQ, REQ, REQ, REQ, null]);
    for (const s of doc.sources) expect(s.linesRead).toBe(s.records + s.continuationLines + s.unparsed + s.skipped);
  });

  it('reads stdin when piped', () => {
    const r = cli([REQ], { input: api });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('POST /v2.1/servers');
  });

  it('exits 3 with a hint when the request is not in the logs', () => {
    const r = cli(['req-99999999-9999-4999-8999-999999999999', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('was not found in 2 sources (n-api.log, n-cpu.log.1.gz)');
    expect(r.stderr).toContain('2 distinct request ids');
  });

  it('exits 2 for a malformed id, naming what is expected', () => {
    const r = cli(['req-nope', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected req-<uuid>');
  });

  it('reports a missing file, reads the others, and exits 2 at the end', () => {
    const r = cli([REQ, join(dir, 'missing.log'), join(dir, 'n-api.log')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.log: no such file or directory');
    expect(r.stdout).toContain('POST /v2.1/servers');
  });

  it('exits 2 with a clear message when there is no input at all', () => {
    const r = cli([REQ], { cwd: dir, env: { NOVA_TRACE_DEFAULT_PATHS: join(dir, 'nowhere') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input: no paths were given, stdin is not piped, and no Nova logs were found in');
  });

  it('reads the default locations when there are no paths and stdin is not piped, and says so', () => {
    const r = cli([REQ], { env: { NOVA_TRACE_DEFAULT_PATHS: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no paths given; reading 2 files:');
  });

  it('exits 2 on an unknown option', () => {
    const r = cli([REQ, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option');
  });
});
