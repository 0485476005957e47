// One request id, several servers: a multi-create (`min_count > 1`) builds N instances under one id
// (reference §2.3). When two or more instances have compute-side records, the timeline is split per
// instance; records that name no instance (API, conductor, scheduler summary lines) go to every part.
import type { Timeline } from '../types.js';

export function splitByInstance(t: Timeline): Timeline[] {
  if (t.background || t.instances.length < 2) return [t];
  const computeInstances = new Set<string>();
  for (const r of t.records) if (r.instance !== null && r.service === 'compute') computeInstances.add(r.instance);
  if (computeInstances.size < 2) return [t];
  const order = [...computeInstances];
  const mine = (recordInstance: string | null, instance: string) =>
    recordInstance === null || recordInstance === instance || !computeInstances.has(recordInstance);
  return order.map((instance) => ({
    ...t,
    key: `${t.key}/${instance}`,
    instances: [instance],
    records: t.records.filter((r) => mine(r.instance, instance)),
    ...(t.omitted ? { omitted: t.omitted.filter((o) => mine(o.instance, instance)) } : {}),
    // A relay about another instance of the request (its vif-plugged event) is not this part's.
    related: t.related.filter((id) => {
      const via = t.relatedVia?.[id];
      return via === undefined || via === null || via === instance || !computeInstances.has(via);
    }),
  }));
}
