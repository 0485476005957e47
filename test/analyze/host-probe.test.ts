import { describe, expect, it } from 'vitest';
import { probeHost } from '../../src/analyze/host-probe.js';

const b = (s: string) => Buffer.from(s);

describe('probeHost', () => {
  it('reads the host from the resource tracker lines of every era', () => {
    expect(probeHost(b('... DEBUG nova.compute.resource_tracker [None req-x - - - - - -] Compute_service record updated for cmp1:cmp1 _update_available_resource /x.py:1\n'))).toBe('cmp1');
    expect(probeHost(b("INFO nova.compute.resource_tracker [req-x - - - - -] Compute_service record updated for ('osp7_controller1_1447326246805_93065', 'osp7_controller1_1447326246805_93065')\n"))).toBe('osp7_controller1_1447326246805_93065');
    expect(probeHost(b('Auditing locally available compute resources for lv1 (node: vm) _update_available_resource\n'))).toBe('lv1');
  });

  it('does not take node names for hosts', () => {
    expect(probeHost(b('INFO nova.compute.resource_tracker [-] Auditing locally available compute resources for node osp7_c1\n'))).toBeNull();
    expect(probeHost(b('INFO nova.compute.claims [req-x] [instance: x] Claim successful on node vm\n'))).toBeNull();
  });

  it('finds the marker anywhere in a chunk and ignores junk after it', () => {
    expect(probeHost(b('x\ny\nCompute_service record updated for \n Compute_service record updated for host-2.example.org:n\n'))).toBe('host-2.example.org');
  });
});
