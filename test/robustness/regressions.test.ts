// Inputs the property tests found, kept as plain examples so that they never come back.
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/parse/index.js';

const ctx = { source: 'test.log', service: null, host: null, year: 2026, referenceTime: null };
const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';

function header(line: string) {
  const p = parseLine(line, ctx);
  if (p.kind !== 'header') throw new Error(`not a header: ${line}`);
  return p.record;
}

describe('found by the property tests', () => {
  it('a damaged request id (NUL inside, cut, not hex) is no request id; an upper-case one is lower-cased', () => {
    // devstack screen line with a NUL byte inside the id (pipeline property, seed 20261121).
    const damaged = ['req-\x000c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70', 'req-XYZ', 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a7', 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a7z'];
    for (const id of damaged) {
      const r = header(`2013-09-27 18:24:30.101 DEBUG nova.api.openstack.wsgi [${id} user tenant] Action: 'create'`);
      expect(r.requestId).toBeNull();
      expect(r.message).toBe("Action: 'create'");
      const z = header(`2026-11-21 18:05:06.102 1 INFO nova.compute.manager [${id} ${REQ} u p - - default default] x`);
      expect(z.globalRequestId).toBeNull();
      expect(z.requestId).toBe(REQ);
    }
    expect(header(`2026-11-21 18:05:06.102 1 INFO nova.compute.manager [None ${REQ.toUpperCase().replace('REQ-', 'req-')} u p - - d d] x`).requestId).toBe(REQ);
  });
});
