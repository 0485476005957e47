// Reads the built-in model files (src/models/defs → dist/models/defs) plus any `--models DIR`, validates
// them and compiles every pattern once. Later directories add models or override them by id;
// a `_common.json` in a later directory replaces the shared failures.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, ValidationError } from '../errors.js';
import { compileModel } from './compile.js';
import type { CommonDefinition, CompiledModel, ModelDefinition } from './model-types.js';
import { validateCommon, validateModel } from './validate.js';

export const COMMON_FILE = '_common.json';

/** Directory of the built-in model files, next to this module in src/ and in dist/. */
export const BUILTIN_MODELS_DIR = fileURLToPath(new URL('./defs/', import.meta.url));

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, `cannot read model file (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ValidationError(file, '$', 'valid JSON', err instanceof Error ? err.message : String(err));
  }
}

/** The `.json` files of a directory (sorted), or the path itself when it is a file. */
function modelFiles(path: string): string[] {
  if (!existsSync(path)) throw new InputError(path, 'no such model directory');
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(path, n));
}

interface Source {
  def: ModelDefinition;
  file: string;
}

function collect(dirs: readonly string[]): { common: CommonDefinition | null; models: Map<string, Source> } {
  let common: CommonDefinition | null = null;
  const files = dirs.map(modelFiles);
  // The shared failures come first: model files are checked against their ids.
  for (const list of files) {
    for (const file of list) {
      if (basename(file) === COMMON_FILE) common = validateCommon(readJson(file), file);
    }
  }
  const commonIds = new Set((common?.failures ?? []).map((f) => f.id));
  const models = new Map<string, Source>();
  for (const list of files) {
    for (const file of list) {
      if (basename(file) === COMMON_FILE) continue;
      const def = validateModel(readJson(file), file, commonIds);
      models.set(def.id, { def, file });
    }
  }
  return { common, models };
}

let builtinCache: { common: CommonDefinition | null; models: Map<string, Source> } | null = null;

/**
 * Loads, validates and compiles the built-in models plus those in `extraDirs` (directories or single
 * `.json` files; later ones override earlier ones by model id). Throws ValidationError for a bad file
 * and InputError for an unreadable path. Synchronous: it runs once at start-up.
 */
export function loadModels(extraDirs: readonly string[] = []): CompiledModel[] {
  builtinCache ??= collect([BUILTIN_MODELS_DIR]);
  let { common, models } = builtinCache;
  if (extraDirs.length > 0) {
    const extra = collect(extraDirs);
    if (extra.common) common = extra.common;
    models = new Map([...models, ...extra.models]);
    if (extra.common) {
      // Re-check built-in samples/failure ids against the replaced shared failures.
      const ids = new Set(extra.common.failures.map((f) => f.id));
      for (const [id, src] of models) {
        if (!extra.models.has(id)) models.set(id, { def: validateModel(readJson(src.file), src.file, ids), file: src.file });
      }
    }
  }
  return [...models.values()].map(({ def, file }) => compileModel(def, file, common));
}

/** The shared failures currently in effect (built-in `_common.json`, or the one from `extraDirs`). */
export function loadCommon(extraDirs: readonly string[] = []): CommonDefinition | null {
  builtinCache ??= collect([BUILTIN_MODELS_DIR]);
  const extra = extraDirs.length > 0 ? collect(extraDirs).common : null;
  return extra ?? builtinCache.common;
}
