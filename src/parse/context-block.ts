// The `[…]` context block of every era:
//   `-`                                            no context
//   `req-X user tenant`                            Essex/Havana (ids; devstack screen: names)
//   `req-X None` / `req-X `                        Juno
//   `req-X user project domain udomain pdomain`    Kilo–Yoga (empty fields print `-`)
//   `None req-X user project domain scope ud pd`   Zed+ (first token: global id or the literal None)
//   `req-G req-X …`                                Zed+ with a global request id
// Only a block that looks like one of these is taken as a context; anything else (`[Errno 111] …`)
// stays part of the message.
import { hasAt } from './chars.js';
import type { LogRecord } from '../types.js';
import { normaliseRequestId, nullable, requestIdAt } from './record.js';

/**
 * Who comes first when the identity has exactly two names: oslo prints `user project`; devstack's
 * journald format and post-Havana screen logs print `project_name user_name`.
 */
export type IdentityOrder = 'user-first' | 'project-first';

function tokenEnd(s: string, from: number, end: number): number {
  const sp = s.indexOf(' ', from);
  return sp === -1 || sp > end ? end : sp;
}

/** Fill request ids and identity from s[a, b); false when the block is not a context. */
export function parseContext(s: string, a: number, b: number, rec: LogRecord, order: IdentityOrder): boolean {
  if (b === a + 1 && s.charCodeAt(a) === 45 /* - */) return true;
  const e0 = tokenEnd(s, a, b);
  const t0IsReq = hasAt(s, a, 'req-');
  const t0IsNone = e0 === a + 4 && hasAt(s, a, 'None');
  let idStart: number;
  if (t0IsReq || t0IsNone) {
    const a1 = e0 + 1;
    if (a1 < b && hasAt(s, a1, 'req-')) {
      const e1 = tokenEnd(s, a1, b);
      if (t0IsReq) rec.globalRequestId = requestIdAt(s, a, e0);
      rec.requestId = requestIdAt(s, a1, e1);
      idStart = e1 + 1;
    } else if (t0IsReq) {
      rec.requestId = requestIdAt(s, a, e0);
      idStart = e0 + 1;
    } else {
      idStart = e0 + 1; // `[None None …]`: a context without ids
    }
  } else if (e0 - a === 36 && s.charCodeAt(a + 8) === 45) {
    rec.requestId = normaliseRequestId(s.slice(a, e0));
    if (rec.requestId === null) return false;
    idStart = e0 + 1;
  } else {
    return false;
  }
  if (idStart >= b) return true;
  const e2 = tokenEnd(s, idStart, b);
  const first = nullable(s.slice(idStart, e2));
  if (e2 >= b) {
    rec.user = first; // Juno `[req-X None]`: a single identity field
    return true;
  }
  const e3 = tokenEnd(s, e2 + 1, b);
  const second = nullable(s.slice(e2 + 1, e3));
  if (order === 'project-first' && e3 >= b) {
    rec.project = first;
    rec.user = second;
  } else {
    rec.user = first;
    rec.project = second;
  }
  return true;
}
