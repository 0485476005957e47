// `nova-trace instance`: an instance's history is its operations. Periodic-task segments, event relays
// and read-only calls that no model recognised are counted in the footer, and listed with --all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'fixtures', 'lab', 'power');
const present = existsSync(join(DIR, 'expected.json'));

describe.skipIf(!present)('nova-trace instance', () => {
  const expected = present ? JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) : { requests: [] };
  const server: string = expected.requests[0]?.servers[0] ?? '';
  const ids: string[] = expected.requests.filter((r: { servers: string[] }) => r.servers.includes(server)).map((r: { request_id: string }) => r.request_id);
  const files = present ? readdirSync(DIR).filter((f) => f.endsWith('.gz')).map((f) => join(DIR, f)) : [];

  it('lists every operation of the server and nothing no model recognised', () => {
    const r = cli(['instance', server, ...files, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const ops = JSON.parse(r.stdout).operations as Array<{ requestId: string; operation: string }>;
    expect(ops.map((o) => o.requestId).sort()).toEqual([...ids].sort());
    expect(ops.filter((o) => o.operation === 'unknown')).toEqual([]);
  });

  it('says what it did not list, and --all lists it', () => {
    const r = cli(['instance', server, ...files, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const hidden = /\(not listed: (.+); --all lists them\)/.exec(r.stdout);
    expect(hidden, r.stdout).not.toBeNull();
    const all = cli(['instance', server, ...files, '--all', '--json']);
    const ops = JSON.parse(all.stdout).operations as Array<{ requestId: string; operation: string }>;
    expect(ops.length).toBeGreaterThan(ids.length);
    expect(ops.some((o) => o.operation === 'unknown')).toBe(true);
  });
});
