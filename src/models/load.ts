// Reads the built-in model files (src/models/defs → dist/models/defs) plus any `--models DIR`, validates
// them and compiles every pattern once. Later directories add models or override them by id;
// a `_common.json` in a later directory replaces the shared failures.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, ValidationError } from '../errors.js';
import { compileModel, learnGates, markersOf } from './compile.js';
import type { CommonDefinition, CompiledModel, ModelDefinition } from './model-types.js';
import { validateCommon, validateModel } from './validate.js';

export const COMMON_FILE = '_common.json';

// Paths are written from a folder one level below src/ or dist/ (as `../models/…`): they resolve the
// same from dist/models/ and from the bundle the command runs (dist/bundle/, see scripts/build.mjs).
/** Directory of the built-in model files, next to this module in src/ and in dist/. */
export const BUILTIN_MODELS_DIR = fileURLToPath(new URL('../models/defs/', import.meta.url));
/**
 * The built-in models already validated, in one file the build writes beside defs/ (dist only): reading
 * and validating 32 files took ~25 ms of every start-up. Used only while it lists exactly the files of
 * defs/ with their sizes; otherwise (src/, an edited dist/) the files themselves are read.
 */
export const BUILTIN_CACHE_FILE = fileURLToPath(new URL('../models/builtin.json', import.meta.url));

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

export interface Source {
  def: ModelDefinition;
  file: string;
}

function collect(dirs: readonly string[]): Collected {
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

export interface Collected {
  common: CommonDefinition | null;
  models: Map<string, Source>;
}

/** What BUILTIN_CACHE_FILE holds. */
interface BuiltinCache {
  /** The model files it was made from: name and size in bytes. */
  files: [string, number][];
  common: CommonDefinition | null;
  /** Each model's definition and file name, in load order. */
  models: [ModelDefinition, string][];
  /** The gates of every pattern (see compile.ts `gatesOf`). */
  gates: [string, string, string][];
}

function builtinFiles(): [string, number][] {
  return modelFiles(BUILTIN_MODELS_DIR).map((f) => [basename(f), statSync(f).size]);
}

/** The built-in model files validated, as BUILTIN_CACHE_FILE holds them (the build writes it). */
export function builtinCacheText(): string {
  const { common, models } = collect([BUILTIN_MODELS_DIR]);
  const gates = new Map<string, [string, string, string]>();
  for (const { def, file } of models.values()) {
    for (const k of markersOf(compileModel(def, file, common))) gates.set(k.spec.pattern, [k.spec.pattern, k.prefix, k.needle]);
  }
  const cache: BuiltinCache = { files: builtinFiles(), common, models: [...models.values()].map((s) => [s.def, basename(s.file)]), gates: [...gates.values()] };
  return JSON.stringify(cache);
}

/** Writes BUILTIN_CACHE_FILE (run by the build, on dist/). */
export function writeBuiltinCache(): void {
  writeFileSync(BUILTIN_CACHE_FILE, builtinCacheText());
}

/**
 * The built-in models: from `cacheFile` when it lists exactly the model files there are (names and
 * sizes), else read and validated from the files. Exported for tests.
 */
export function builtinModels(cacheFile = BUILTIN_CACHE_FILE): Collected {
  let cache: BuiltinCache;
  try {
    cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as BuiltinCache;
  } catch {
    return collect([BUILTIN_MODELS_DIR]);
  }
  const files = builtinFiles();
  const listed = cache.files;
  if (!Array.isArray(listed) || files.length !== listed.length || files.some(([name, size], i) => listed[i]?.[0] !== name || listed[i]?.[1] !== size)) {
    return collect([BUILTIN_MODELS_DIR]);
  }
  if (Array.isArray(cache.gates)) learnGates(cache.gates);
  return {
    common: cache.common,
    models: new Map(cache.models.map(([def, name]) => [def.id, { def, file: join(BUILTIN_MODELS_DIR, name) }])),
  };
}

let builtinCache: Collected | null = null;

/**
 * Loads, validates and compiles the built-in models plus those in `extraDirs` (directories or single
 * `.json` files; later ones override earlier ones by model id). Throws ValidationError for a bad file
 * and InputError for an unreadable path. Synchronous: it runs once at start-up.
 */
export function loadModels(extraDirs: readonly string[] = []): CompiledModel[] {
  builtinCache ??= builtinModels();
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
  builtinCache ??= builtinModels();
  const extra = extraDirs.length > 0 ? collect(extraDirs).common : null;
  return extra ?? builtinCache.common;
}
