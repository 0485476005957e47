import { hasAt } from './chars.js';

// Compute host names learnt from resource-tracker and claim messages (reference §5), for sources that
// do not say which host they come from (plain oslo files).
//   nova.compute.resource_tracker  `Compute_service record updated for <host>:<node>` (also `created`)
//                                  `Auditing locally available compute resources for <host> (node: <node>)`
//                                  `Auditing locally available compute resources for node <node>` (≤ Newton)
//   nova.compute.claims            `Claim successful on node <node>` (Pike+)
// Nodes are returned where the message names no host (HOST.isNode is then true): the node is often,
// not always, the host name (libvirt reports the hypervisor's hostname), so callers should let a
// host-bearing message win over a node-bearing one.

/** Extra result of the last hostFromMessage call. */
export const HOST = { isNode: false };

const RECORD = 'Compute_service record ';
const AUDIT = 'Auditing locally available compute resources for ';
const CLAIM = 'Claim successful on node ';

function token(m: string, from: number, stops: string): string | null {
  let j = from;
  while (j < m.length && stops.indexOf(m[j] as string) === -1) j++;
  return j > from ? m.slice(from, j) : null;
}

export function hostFromMessage(message: string, logger: string): string | null {
  const c = message.charCodeAt(0);
  HOST.isNode = false;
  if (logger === 'nova.compute.resource_tracker' || logger === '') {
    if (c === 67 /* C */ && hasAt(message, 0, RECORD)) {
      const f = message.indexOf(' for ', RECORD.length);
      return f === -1 ? null : token(message, f + 5, ': ');
    }
    if (c === 65 /* A */ && hasAt(message, 0, AUDIT)) {
      const at = AUDIT.length;
      if (hasAt(message, at, 'node ')) {
        HOST.isNode = true;
        return token(message, at + 5, ' ');
      }
      return token(message, at, ' ');
    }
  }
  if ((logger === 'nova.compute.claims' || logger === '') && c === 67 && hasAt(message, 0, CLAIM)) {
    HOST.isNode = true;
    return token(message, CLAIM.length, ' ');
  }
  return null;
}
