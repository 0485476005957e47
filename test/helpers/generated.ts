// Logs of a busy cloud from the benchmark's generator (bench/generate.mjs: seeded, deterministic), for
// tests that need more than the fixtures' few minutes: hundreds of operations of every kind interleaved,
// periodic tasks, failures. Written to a temporary folder; `remove` deletes it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
// @ts-expect-error: plain JavaScript, no declarations
import { generate } from '../../bench/generate.mjs';

export interface GeneratedLogs {
  files: string[];
  remove: () => void;
}

export async function generatedLogs(size: string, seed: number): Promise<GeneratedLogs> {
  const dir = mkdtempSync(join(tmpdir(), 'nova-trace-generated-'));
  await generate({ size, out: dir, seed });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .map((f) => join(dir, f));
  return { files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Generated logs for the tests of the enclosing `describe`: written before them, deleted after. Returns
 * the files (call it inside a test).
 */
export function useGeneratedLogs(size: string, seed: number): () => string[] {
  let logs: GeneratedLogs | null = null;
  beforeAll(async () => {
    logs = await generatedLogs(size, seed);
  });
  afterAll(() => logs?.remove());
  return () => logs!.files;
}
