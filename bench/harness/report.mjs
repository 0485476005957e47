// Results → the console table, bench/RESULTS.md, and the target checks of the performance issue.

export const TARGETS = [
  { id: 'trace-1g', text: '`nova-trace <req-id>` over 1 GiB ≤ 1.0 s', check: (r) => val(r, '1g-oslo', 'trace', 'medianMs'), ok: (v) => v <= 1000, fmt: sec },
  { id: 'trace-vs-lnav', text: '`nova-trace <req-id>` ≥ 10× faster than lnav’s filter (1 GiB)', check: (r) => ratio(r, '1g-oslo', 'lnavOverTrace'), ok: (v) => v >= 10, fmt: times },
  { id: 'trace-vs-grep', text: '`nova-trace <req-id>` within 3× of `grep -F` (1 GiB)', check: (r) => ratio(r, '1g-oslo', 'traceOverGrep'), ok: (v) => v <= 3, fmt: times },
  { id: 'list-1g', text: '`nova-trace list` over 1 GiB ≥ 300 MB/s', check: (r) => listBound(r, (d, s) => d.bytes / 1e6 / s), ok: (v) => v >= 300, fmt: (v, r) => `${killed(r) ? '< ' : ''}${v.toFixed(v < 10 ? 1 : 0)} MB/s${killed(r) ? ` (killed after ${killed(r)} s)` : ''}` },
  { id: 'list-vs-lnav', text: '`nova-trace list` ≥ 3× lnav (1 GiB)', check: (r) => listBound(r, (d, s) => d.tools.lnav?.medianMs / 1000 / s), ok: (v) => v >= 3, fmt: (v, r) => `${killed(r) ? '< ' : ''}${v.toFixed(2)}×` },
  { id: 'rss', text: 'nova-trace peak RSS ≤ 150 MB (every dataset, both commands)', check: (r) => maxNovaRss(r), ok: (v) => v <= 150, fmt: mb },
  { id: 'rss-flat', text: 'nova-trace peak RSS the same (±20%) for 100 MiB and 1 GiB', check: (r) => rssGrowth(r), ok: (v, r) => Math.abs(v - 1) <= 0.2 && !killed(r), fmt: (v, r) => `1 GiB ÷ 100 MiB = ${v.toFixed(2)}${killed(r) ? ' for `<req-id>`; `list` not measured at 1 GiB (killed)' : ''}` },
  { id: 'startup', text: '`nova-trace --version` ≤ 100 ms', check: (r) => r.startup?.medianMs, ok: (v) => v <= 100, fmt: (v, r) => `${v.toFixed(0)} ms (\`node -e 0\` alone: ${r.startup.nodeBaselineMs?.toFixed(0) ?? '?'} ms)` },
];

function ds(r, name) {
  return r.datasets.find((d) => d.name === name);
}
function val(r, name, tool, key) {
  return ds(r, name)?.tools[tool]?.[key];
}
function ratio(r, name, key) {
  return ds(r, name)?.ratios[key];
}
/** Seconds the 1 GiB list run was allowed before it was killed, or 0. */
function killed(r) {
  const t = ds(r, '1g-oslo')?.tools.list;
  return t?.timedOut ? t.timeoutMs / 1000 : 0;
}
/** A list figure from its median, or the bound a killed run gives (it took longer than the timeout). */
function listBound(r, f) {
  const d = ds(r, '1g-oslo');
  const t = d?.tools.list;
  if (!t || t.skipped) return undefined;
  const secs = Number.isFinite(t.medianMs) ? t.medianMs / 1000 : t.timedOut ? t.timeoutMs / 1000 : NaN;
  return f(d, secs);
}
function maxNovaRss(r) {
  const xs = r.datasets.flatMap((d) => ['trace', 'list'].map((t) => d.tools[t]?.maxRssKb)).filter(Number.isFinite);
  return xs.length > 0 ? Math.max(...xs) / 1024 : undefined;
}
function rssGrowth(r) {
  const small = ds(r, '100m-oslo');
  const big = ds(r, '1g-oslo');
  const xs = ['trace', 'list']
    .map((t) => [small?.tools[t]?.maxRssKb, big?.tools[t]?.maxRssKb])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
    .map(([a, b]) => b / a);
  return xs.length > 0 ? Math.max(...xs) : undefined;
}
function sec(ms) {
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}
function times(v) {
  return `${v.toFixed(1)}×`;
}
function mb(v) {
  return `${v.toFixed(0)} MB`;
}

export function evaluateTargets(result) {
  return TARGETS.map((t) => {
    const v = t.check(result);
    const measured = Number.isFinite(v);
    return { id: t.id, target: t.text, value: measured ? v : null, shown: measured ? t.fmt(v, result) : 'not measured', pass: measured ? t.ok(v, result) : null };
  });
}

function cell(tool) {
  if (!tool) return ['–', '–', '–', '–', '–'];
  if (tool.skipped) return ['skipped', '', '', '', tool.skipped];
  const wall = Number.isFinite(tool.medianMs) ? sec(tool.medianMs) : tool.timedOut ? `> ${(tool.timeoutMs / 1000).toFixed(0)} s (killed)` : 'failed';
  const cpu = Number.isFinite(tool.medianCpuMs) ? sec(tool.medianCpuMs) : '–';
  const mbs = Number.isFinite(tool.mbPerS) ? `${tool.mbPerS.toFixed(0)}` : '–';
  const rss = Number.isFinite(tool.maxRssKb) ? `${(tool.maxRssKb / 1024).toFixed(0)}` : '–';
  const n = tool.okRuns === tool.runsMs.length ? `${tool.runsMs.length}` : `${tool.okRuns}/${tool.runsMs.length} ok`;
  return [wall, cpu, mbs, rss, tool.singleRunBecauseSlow ? `${n} (slow)` : n];
}

/** Rows: [dataset, size, tool, median wall, median cpu, MB/s, peak RSS MB, runs]. */
export function tableRows(result) {
  const rows = [];
  for (const d of result.datasets) {
    for (const [id, tool] of Object.entries(d.tools)) {
      rows.push([d.name, `${(d.bytes / 1048576).toFixed(0)} MiB`, tool.label ?? id, ...cell(tool)]);
    }
  }
  return rows;
}

const HEAD = ['dataset', 'size', 'command', 'median wall', 'median CPU', 'MB/s', 'peak RSS (MB)', 'runs'];

export function consoleTable(result) {
  const rows = [HEAD, ...tableRows(result)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  out.push('');
  for (const d of result.datasets) {
    const r = d.ratios;
    const parts = [];
    if (Number.isFinite(r.traceOverGrep)) parts.push(`nova-trace ÷ grep = ${r.traceOverGrep.toFixed(1)}×`);
    if (Number.isFinite(r.lnavOverTrace)) parts.push(`lnav ÷ nova-trace = ${r.lnavOverTrace.toFixed(1)}×`);
    if (Number.isFinite(r.lnavOverList)) parts.push(`lnav ÷ nova-trace list = ${r.lnavOverList.toFixed(1)}×`);
    out.push(`${d.name}: ${parts.join(', ') || 'no ratios'}; trace check: ${d.checks.trace?.summary ?? '–'}`);
  }
  if (result.startup) out.push(`nova-trace --version: median ${result.startup.medianMs.toFixed(0)} ms over ${result.startup.runsMs.length} runs (node -e 0: ${result.startup.nodeBaselineMs?.toFixed(0)} ms)`);
  out.push('');
  for (const t of result.targets) out.push(`${t.pass === null ? '·' : t.pass ? '✓' : '✗'} ${t.target.replace(/`/g, '')}: ${t.shown}`);
  return out.join('\n');
}

export function markdown(result) {
  const m = result.machine;
  const md = [];
  md.push('# nova-trace benchmark results');
  md.push('');
  md.push(`Measured ${result.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel} (${m.cpus} cores), ${m.memGiB} GiB RAM, ${m.os}, Node ${m.node}; ` +
    `nova-trace ${result.novaTraceVersion} (commit ${result.commit ?? 'unknown'}). Page cache warm, median of ${result.config.runsNote}, the tools run in rounds (each once per round, after a warm-up round). ` +
    'Generated with `npm run bench` (see [README.md](README.md) for what each number means).');
  md.push('');
  md.push(`| ${HEAD.join(' | ')} |`);
  md.push(`|${HEAD.map((_, i) => (i >= 3 ? '---:' : '---')).join('|')}|`);
  for (const r of tableRows(result)) md.push(`| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  md.push('');
  md.push('| dataset | nova-trace ÷ grep -F | lnav ÷ nova-trace | lnav ÷ nova-trace list | trace lines vs grep -c |');
  md.push('|---|---:|---:|---:|---|');
  for (const d of result.datasets) {
    const r = d.ratios;
    const f = (v) => (Number.isFinite(v) ? `${v.toFixed(1)}×` : '–');
    md.push(`| ${d.name} | ${f(r.traceOverGrep)} | ${f(r.lnavOverTrace)} | ${f(r.lnavOverList)} | ${d.checks.trace?.summary ?? '–'} |`);
  }
  md.push('');
  if (result.startup) md.push(`\`nova-trace --version\`: median **${result.startup.medianMs.toFixed(0)} ms** over ${result.startup.runsMs.length} runs (\`node -e 0\` alone: ${result.startup.nodeBaselineMs?.toFixed(0)} ms).`);
  md.push('');
  md.push('## Targets (2-core machine)');
  md.push('');
  for (const t of result.targets) md.push(`- ${t.pass === null ? '·' : t.pass ? '✅' : '❌'} ${t.target}: **${t.shown}**`);
  if (result.notes.length > 0) {
    md.push('');
    md.push('## Notes');
    md.push('');
    for (const n of result.notes) md.push(`- ${n}`);
  }
  md.push('');
  md.push('## Datasets');
  md.push('');
  md.push('| dataset | format | files | lines | operations | in flight (mean / max) | periodic share | spans | request traced |');
  md.push('|---|---|---:|---:|---:|---|---:|---|---|');
  for (const d of result.datasets) {
    const g = d.generated;
    md.push(`| ${d.name} | ${d.format} | ${d.files.length} | ${g.lines.toLocaleString('en-US')} | ${g.operations.toLocaleString('en-US')} | ${g.inFlight.mean} / ${g.inFlight.max} | ${(g.lineShare.periodic * 100).toFixed(0)}% | ${g.timeRange.start.slice(11, 19)}–${g.timeRange.end.slice(11, 19)} | \`${d.middle}\` (${g.middle?.op}, ${g.middle?.lines} lines) |`);
  }
  md.push('');
  return md.join('\n');
}
