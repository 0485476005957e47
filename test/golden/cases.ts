// The model fixture cases (fixtures/models/<model>/<case>.scenario.json), how each rendering is fed to
// the binary, and the "essentials" of a result that the golden files pin: no times, durations or
// confidence, so a golden only changes when what nova-trace concludes changes.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';

export const MODELS_DIR = join(ROOT, 'fixtures', 'models');
export const DEFS_DIR = join(ROOT, 'src', 'models', 'defs');
export const RENDERINGS = ['oslo', 'journal', 'oslo-older'] as const;
export type Rendering = (typeof RENDERINGS)[number];
/** Short-precise journal lines carry no year. */
export const YEAR = '2026';

export interface Scenario {
  model: string;
  kind: 'success' | 'failure';
  primary?: string;
  title?: string;
  renderings?: Rendering[];
  hosts: { controller: string; computes: string[] };
  requests: Record<string, { id: string; as: string }>;
  /**
   * A wrong result kept as a fixture: the expected file holds what SHOULD be found and these tests are
   * expected to fail. A string marks the renderings' golden tests; an object names the tests: a rendering,
   * `agree` (renderings agree), `attach` (mustAttach checks), `explain` (mustExplain checks).
   */
  knownBug?: string | Partial<Record<BugKey, string>>;
  /** Lines logged outside the primary request (`[-]`, stale lifecycle ids) that must attach to it. */
  mustAttach?: Array<{ request?: string; msg: string; min?: number }>;
  /** Text the primary request's failure explanation must contain (e.g. the filter that removed the last host). */
  mustExplain?: string[];
}

export interface Case {
  /** `<model>/<case>` */
  name: string;
  file: string;
  dir: string;
  expectedFile: string;
  scenario: Scenario;
  renderings: Rendering[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The scenario with its `extends` base merged (the same merge as scripts/fixtures/scenario.mjs). */
export function readScenario(file: string): Scenario {
  const sc = readJson<Record<string, unknown>>(file);
  if (typeof sc.extends !== 'string') return sc as unknown as Scenario;
  const base = readJson<Record<string, unknown>>(join(dirname(file), sc.extends));
  const merged: Record<string, unknown> = { ...base, ...sc };
  for (const k of ['hosts', 'pids', 'identities', 'requests', 'vars', 'journal']) {
    if (base[k] || sc[k]) merged[k] = { ...((base[k] as object) ?? {}), ...((sc[k] as object) ?? {}) };
  }
  return merged as unknown as Scenario;
}

export function listCases(): Case[] {
  if (!existsSync(MODELS_DIR)) return [];
  const out: Case[] = [];
  for (const model of readdirSync(MODELS_DIR).sort()) {
    const d = join(MODELS_DIR, model);
    if (model.includes('.') || !existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      if (!f.endsWith('.scenario.json')) continue;
      const file = join(d, f);
      const caseName = basename(f, '.scenario.json');
      const scenario = readScenario(file);
      out.push({
        name: `${model}/${caseName}`,
        file,
        dir: join(d, caseName),
        expectedFile: join(d, `${caseName}.expected.json`),
        scenario,
        renderings: (scenario.renderings ?? ['oslo', 'journal']) as Rendering[],
      });
    }
  }
  return out;
}

/** Model ids shipped in src/models/defs. */
export function modelIds(): string[] {
  return readdirSync(DEFS_DIR)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .map((f) => readJson<{ id: string }>(join(DEFS_DIR, f)).id)
    .sort();
}

/** The rendered files of one rendering, as arguments for the binary (paths relative to the repo). */
export function inputArgs(c: Case, r: Rendering): string[] {
  const d = join(c.dir, r);
  const files = existsSync(d) ? readdirSync(d).sort().map((f) => relative(ROOT, join(d, f))) : [];
  return r === 'journal' ? [...files, '--year', YEAR] : files;
}

export type BugKey = Rendering | 'agree' | 'attach' | 'explain';

export function knownBug(c: Case, key: BugKey): string | null {
  const k = c.scenario.knownBug;
  if (!k) return null;
  if (typeof k === 'string') return (RENDERINGS as readonly string[]).includes(key) ? k : null;
  return k[key] ?? null;
}

// ─────────────────────────────── running the binary ───────────────────────────────

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const queue: Array<() => void> = [];
let running = 0;
const LIMIT = Math.max(2, Math.min(6, availableParallelism()));

function next(): void {
  while (running < LIMIT && queue.length) {
    running++;
    queue.shift()!();
  }
}

/** Spawns the built binary like test/helpers/cli.ts (NO_COLOR=1, TZ=UTC), a few at a time. */
export function cliAsync(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    queue.push(() => {
      const p = spawn(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      p.stdout.on('data', (b: Buffer) => out.push(b));
      p.stderr.on('data', (b: Buffer) => err.push(b));
      p.on('close', (code) => {
        running--;
        next();
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
    next();
  });
}

// ─────────────────────────────── essentials ───────────────────────────────

export interface FailureEssentials {
  id: string | null;
  stage: string | null;
  exception: string | null;
  rootCause: string | null;
}

export interface OperationEssentials {
  requestId: string | null;
  operation: string;
  variant: string | null;
  outcome: string;
  instance: string | null;
  hosts: string[];
  relatedRequestIds: string[];
  /** Stages reached, in the model's order, `id@host` when the stage's record named a host. */
  stages: string[];
  failure: FailureEssentials | null;
}

/** An operation of `--json` output, as far as the essentials read it. */
interface JsonOperation extends Omit<OperationEssentials, 'stages' | 'failure'> {
  stages: Array<{ id: string; host: string | null; reached: boolean }>;
  failure: { id?: string; stage: string | null; exception: string | null; rootCause: string | null } | null;
}

export function essentials(doc: { operations: JsonOperation[] }): OperationEssentials[] {
  const ops = doc.operations.map((o) => ({
    requestId: o.requestId,
    operation: o.operation,
    variant: o.variant,
    outcome: o.outcome,
    instance: o.instance,
    hosts: [...o.hosts].sort(),
    relatedRequestIds: [...o.relatedRequestIds].sort(),
    stages: o.stages.filter((s) => s.reached).map((s) => (s.host ? `${s.id}@${s.host}` : s.id)),
    failure: o.failure
      ? { id: o.failure.id ?? null, stage: o.failure.stage, exception: o.failure.exception, rootCause: o.failure.rootCause }
      : null,
  }));
  const key = (o: OperationEssentials) => `${o.requestId ?? ''}|${o.instance ?? ''}|${o.operation}`;
  return ops.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * What every rendering must agree on. An oslo file does not say which host wrote it unless a compute
 * resource audit names it, so api/conductor/scheduler records carry no host there while the journal
 * names the controller: the controller is dropped before comparing.
 */
export function comparable(ops: OperationEssentials[], controller: string): OperationEssentials[] {
  return ops.map((o) => ({
    ...o,
    hosts: o.hosts.filter((h) => h !== controller),
    stages: o.stages.map((s) => (s.endsWith(`@${controller}`) ? s.slice(0, -controller.length - 1) : s)),
  }));
}

// ─────────────────────────────── expected files ───────────────────────────────

export interface Expected {
  $comment?: string;
  case: string;
  renderings: Partial<Record<Rendering, { args: string[]; operations: OperationEssentials[] }>>;
}

/** JSON with arrays of scalars on one line: goldens that read (and diff) by operation and stage. */
export function stringify(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${stringify(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
