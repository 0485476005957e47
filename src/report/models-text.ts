// `nova-trace models`: the reference models and their stages.
import type { ModelSummary } from '../models/index.js';
import type { RenderContext } from './context.js';

export function renderModels(models: ModelSummary[], ctx: RenderContext): string {
  const p = ctx.palette;
  const out: string[] = [];
  for (const m of models) {
    const variants = m.variants.length > 0 ? p.dim(` [variants: ${m.variants.map((v) => v.id).join(', ')}]`) : '';
    out.push(`${p.bold(m.id)} — ${m.title}${variants}`);
    if (ctx.verbose) {
      if (m.recognise.api.length > 0) out.push(p.dim(`  api:     ${m.recognise.api.join(' | ')}`));
      if (m.recognise.actions.length > 0) out.push(p.dim(`  actions: ${m.recognise.actions.join(' | ')}`));
      if (m.recognise.locks.length > 0) out.push(p.dim(`  locks:   ${m.recognise.locks.join(' | ')}`));
    }
    const w = Math.max(...m.stages.map((s) => s.id.length), 5);
    for (const s of m.stages) {
      const extra = [s.optional ? 'optional' : '', s.taskState ? `task_state ${s.taskState}` : '', s.variants ? `only ${s.variants.join('/')}` : '']
        .filter(Boolean)
        .join(', ');
      out.push(`  ${s.id.padEnd(w)}  ${s.service.padEnd(9)}  ${s.title}${extra ? p.dim(`  (${extra})`) : ''}`);
      if (ctx.verbose) for (const mk of s.markers) out.push(p.dim(`  ${''.padEnd(w)}             ${mk}`));
    }
    if (ctx.verbose) for (const f of m.failures) out.push(p.dim(`  ✗ ${f.id}${f.stage ? ` @${f.stage}` : ''}: ${f.explanation}`));
    out.push('');
  }
  out.push(p.dim(`${models.length} models; --verbose shows recognition rules, markers and failures; --json prints them all.`));
  return out.join('\n');
}
