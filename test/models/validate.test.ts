import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, ValidationError } from '../../src/errors.js';
import { loadModels, validateCommon, validateModel } from '../../src/models/index.js';

/** A minimal valid model; tests break one thing at a time. */
function good(): Record<string, unknown> {
  return {
    id: 'frobnicate',
    title: 'Frobnicate',
    recognise: { actions: [{ action: 'frobnicate' }] },
    stages: [
      { id: 'api', title: 'API', service: 'api', markers: [{ pattern: "Action: 'action', .*" }] },
      { id: 'done', title: 'Done', service: 'compute', markers: [{ pattern: 'Frobnicated (?<what>\\S+)' }] },
    ],
    success: [{ pattern: 'Frobnicated .*' }],
    failures: [{ id: 'frob_failed', markers: [{ pattern: 'Frob failed: (?<why>.*)' }], explanation: 'Failed: {why}', hint: 'Unfrob.' }],
    samples: [{ line: 'x', expect: { stage: 'done' } }],
  };
}

function rejection(json: unknown, common = new Set<string>()): ValidationError {
  try {
    validateModel(json, 'models/frobnicate.json', common);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('validateModel', () => {
  it('accepts a good file', () => {
    expect(validateModel(good(), 'f.json').id).toBe('frobnicate');
  });

  it('rejects a regex that does not compile, with the RegExp error as found', () => {
    const m = good();
    (m.stages as Array<{ markers: Array<{ pattern: string }> }>)[1]!.markers[0]!.pattern = 'Frobnicated (unclosed';
    const e = rejection(m);
    expect(e.file).toBe('models/frobnicate.json');
    expect(e.jsonPath).toBe('$.stages[1].markers[0].pattern');
    expect(e.expected).toBe('a regular expression that compiles');
    expect(e.found).toMatch(/Invalid regular expression/);
    expect(e.message).toContain('models/frobnicate.json: at $.stages[1].markers[0].pattern: expected a regular expression that compiles, found Invalid regular expression');
    expect(e.exitCode).toBe(2);
  });

  it('rejects a regex that only fails in unicode mode', () => {
    const m = good();
    (m.success as Array<{ pattern: string }>)[0]!.pattern = 'body: \\{\\"server\\".*';
    const e = rejection(m);
    expect(e.jsonPath).toBe('$.success[0].pattern');
    expect(e.found).toMatch(/Invalid escape/);
  });

  it('rejects a missing required array', () => {
    const m = good();
    delete m.stages;
    const e = rejection(m);
    expect([e.jsonPath, e.expected, e.found]).toEqual(['$.stages', 'a non-empty array', 'nothing']);
  });

  it('rejects an unknown key (typo) with its path', () => {
    const m = good();
    (m.stages as Array<Record<string, unknown>>)[0]!.optinal = true;
    const e = rejection(m);
    expect(e.jsonPath).toBe('$.stages[0].optinal');
    expect(e.found).toBe('unknown key "optinal"');
  });

  it('rejects a bad service name', () => {
    const m = good();
    (m.stages as Array<Record<string, unknown>>)[1]!.service = 'nova-compute';
    const e = rejection(m);
    expect([e.jsonPath, e.expected, e.found]).toEqual(['$.stages[1].service', 'one of api, conductor, scheduler, compute, other', '"nova-compute"']);
  });

  it('rejects a sample that expects an unknown stage', () => {
    const m = good();
    m.samples = [{ line: 'x', expect: { stage: 'spawned' } }];
    const e = rejection(m);
    expect(e.jsonPath).toBe('$.samples[0].expect.stage');
    expect(e.found).toBe('"spawned"');
  });

  it('requires at least one sample', () => {
    const m = good();
    m.samples = [];
    expect(rejection(m).jsonPath).toBe('$.samples');
  });

  it('rejects a failure stage that is not a stage of the model', () => {
    const m = good();
    (m.failures as Array<Record<string, unknown>>)[0]!.stage = 'spawning';
    const e = rejection(m);
    expect(e.jsonPath).toBe('$.failures[0].stage');
    expect(e.expected).toContain('api, done');
  });

  it('rejects an explanation placeholder that names no group', () => {
    const m = good();
    (m.failures as Array<Record<string, unknown>>)[0]!.explanation = 'Failed on {host}';
    const e = rejection(m);
    expect([e.jsonPath, e.found]).toEqual(['$.failures[0].explanation', '{host}']);
  });

  it('rejects a failure id already used by _common.json', () => {
    const e = rejection(good(), new Set(['frob_failed']));
    expect(e.jsonPath).toBe('$.failures[0].id');
  });

  it('rejects variants that do not exist', () => {
    const m = good();
    m.defaultVariant = 'hard';
    expect(rejection(m).jsonPath).toBe('$.defaultVariant');
    const n = good();
    n.variants = [{ id: 'hard', when: { messages: [{ pattern: 'x' }] } }];
    (n.stages as Array<Record<string, unknown>>)[1]!.variants = ['soft'];
    expect(rejection(n).jsonPath).toBe('$.stages[1].variants[0]');
  });

  it('rejects a recognise block with no evidence', () => {
    const m = good();
    m.recognise = {};
    expect(rejection(m).jsonPath).toBe('$.recognise');
  });
});

describe('validateCommon', () => {
  it('rejects a bad severity', () => {
    const json = { failures: [{ id: 'x', severity: 'fatalish', markers: [{ pattern: 'x' }], explanation: 'e', hint: 'h' }], samples: [{ line: 'x', expect: { failure: 'x' } }] };
    expect(() => validateCommon(json, '_common.json')).toThrow(/\$\.failures\[0\]\.severity: expected one of fatal, cause, context, warning, found "fatalish"/);
  });
});

describe('loadModels with --models DIR', () => {
  function dir(files: Record<string, string>): string {
    const d = mkdtempSync(join(tmpdir(), 'nova-trace-models-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    return d;
  }

  it('adds new models and overrides built-ins by id', () => {
    const lock = { ...good(), id: 'lock', title: 'My lock' };
    const d = dir({ 'frobnicate.json': JSON.stringify(good()), 'lock.json': JSON.stringify(lock) });
    const models = loadModels([d]);
    expect(models.find((m) => m.id === 'frobnicate')?.file).toBe(join(d, 'frobnicate.json'));
    expect(models.find((m) => m.id === 'lock')?.title).toBe('My lock');
    expect(models.filter((m) => m.id === 'lock')).toHaveLength(1);
    // built-ins are untouched for the next caller
    expect(loadModels().find((m) => m.id === 'lock')?.title).not.toBe('My lock');
  });

  it('reports invalid JSON with the file and $', () => {
    const d = dir({ 'broken.json': '{"id": "x",' });
    try {
      loadModels([d]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      const e = err as ValidationError;
      expect([e.file, e.jsonPath, e.expected]).toEqual([join(d, 'broken.json'), '$', 'valid JSON']);
    }
  });

  it('reports a bad pattern in a user file with its path', () => {
    const m = good();
    (m.failures as Array<{ markers: Array<{ pattern: string }> }>)[0]!.markers[0]!.pattern = '(?<why>[';
    const d = dir({ 'frobnicate.json': JSON.stringify(m) });
    expect(() => loadModels([d])).toThrow(/frobnicate\.json: at \$\.failures\[0\]\.markers\[0\]\.pattern: expected a regular expression that compiles/);
  });

  it('rejects a missing directory as an input error', () => {
    expect(() => loadModels(['/nonexistent/models'])).toThrow(InputError);
  });

  it('accepts a single file path', () => {
    const d = dir({});
    mkdirSync(join(d, 'sub'));
    const f = join(d, 'sub', 'frobnicate.json');
    writeFileSync(f, JSON.stringify(good()));
    expect(loadModels([f]).some((m) => m.id === 'frobnicate')).toBe(true);
  });
});
