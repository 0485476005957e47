// For the "not found" hint: how many distinct request ids the inputs hold. A raw byte scan for
// `req-<uuid>`, no parsing; bounded so that a huge input cannot blow memory.
import { openSource, type InputSpec } from '../input/index.js';

const REQ = Buffer.from('req-');
const MAX_IDS = 1_000_000;

export async function countRequestIds(inputs: InputSpec[]): Promise<{ count: number; capped: boolean }> {
  const ids = new Set<string>();
  for (const spec of inputs) {
    if (spec.kind !== 'file') continue;
    let src;
    try {
      src = await openSource(spec, []);
    } catch {
      continue;
    }
    let carry = Buffer.alloc(0);
    for await (const chunk of src.chunks) {
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let at = buf.indexOf(REQ);
      const end = buf.length - 40;
      while (at >= 0 && at <= end) {
        const id = buf.toString('latin1', at, at + 40);
        if (isUuid(id, 4)) ids.add(id);
        if (ids.size >= MAX_IDS) return { count: ids.size, capped: true };
        at = buf.indexOf(REQ, at + 4);
      }
      carry = Buffer.from(buf.subarray(Math.max(0, buf.length - 40)));
    }
  }
  return { count: ids.size, capped: false };
}

function isUuid(s: string, offset: number): boolean {
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(offset + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
