// Expectation files: the shipped schema, the validator driven by it, and what a bad file is told.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { expectationSchema, loadExpectations, SchemaValidator } from '../../src/check/index.js';
import { ValidationError } from '../../src/errors.js';
import { loadModels } from '../../src/models/index.js';
import { ROOT } from '../helpers/cli.js';

const models = loadModels();
const schema = expectationSchema();
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const ajvValidate = ajv.compile(schema);
const ours = new SchemaValidator(schema);

function problem(file: string, text: string): ValidationError {
  try {
    loadExpectations(file, text, models);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

const json = (expectations: unknown[]) => JSON.stringify({ version: 1, expectations }, null, 2);

describe('expectation schema', () => {
  it('is a valid draft 2020-12 schema', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  // The hand validator and ajv must agree on what the schema allows.
  const docs: Array<[string, unknown]> = [
    ['minimal', { version: 1, expectations: [] }],
    ['full', { $schema: 'x', version: 1, description: 'd', inputs: ['.'], expectations: [{ name: 'n', description: 'd', select: { requestId: 'req-3f1c2a9e-7b4d-4e8a-9c21-5d6e7f8a9b01', instance: 'a1b2c3d4-1111-4a2b-8c3d-0e1f2a3b4c5d', operation: ['boot'], variant: null, outcome: ['failed'], host: 'cmp1', start: '2026-11-21T09:00:01.000Z' }, operation: 'boot', variant: null, outcome: 'failed', stages: ['api'], notStages: ['done'], failure: { id: 'x', exception: 'E', message: 'm', stage: null }, maxDurationMs: 1, stageBudgetsMs: { api: 2 }, noFailed: true, noUnknownErrors: true, unknownErrors: 0, count: { min: 0, max: 1 } }] }],
    ['no version', { expectations: [] }],
    ['version 2', { version: 2, expectations: [] }],
    ['unknown top key', { version: 1, expectations: [], extra: 1 }],
    ['nothing stated', { version: 1, expectations: [{ select: 'all' }] }],
    ['no select', { version: 1, expectations: [{ outcome: 'failed' }] }],
    ['select typo', { version: 1, expectations: [{ select: 'al', count: 1 }] }],
    ['empty select', { version: 1, expectations: [{ select: {}, count: 1 }] }],
    ['bad request id', { version: 1, expectations: [{ select: { requestId: 'req-1' }, count: 1 }] }],
    ['bad outcome', { version: 1, expectations: [{ select: 'all', outcome: 'done' }] }],
    ['repeated stage', { version: 1, expectations: [{ select: 'all', stages: ['api', 'api'] }] }],
    ['negative budget', { version: 1, expectations: [{ select: 'all', maxDurationMs: -1 }] }],
    ['fractional count', { version: 1, expectations: [{ select: 'all', count: 1.5 }] }],
    ['noFailed false', { version: 1, expectations: [{ select: 'all', noFailed: false }] }],
    ['bad regex', { version: 1, expectations: [{ select: 'all', failure: { message: '(' } }] }],
    ['empty failure', { version: 1, expectations: [{ select: 'all', failure: {} }] }],
    ['budget key', { version: 1, expectations: [{ select: 'all', stageBudgetsMs: { 'Bad Key': 1 } }] }],
    ['bad start', { version: 1, expectations: [{ select: { start: 'yesterday' }, count: 1 }] }],
  ];
  for (const [name, doc] of docs) {
    it(`the validator agrees with ajv: ${name}`, () => {
      expect(ours.validate(doc).length === 0).toBe(ajvValidate(doc) === true);
    });
  }

  it('accepts the example in schema/expectations.md', () => {
    const md = readFileSync(join(ROOT, 'schema', 'expectations.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(md)![1]!;
    expect(loadExpectations('example.json', example, models).expectations).toHaveLength(4);
  });

  it('validates every committed expectation file (fixtures/check/**)', () => {
    const files = listFiles(join(ROOT, 'fixtures', 'check')).filter((f) => /\.(json|ya?ml)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const file = loadExpectations(f, readFileSync(f, 'utf8'), models);
      expect(ajvValidate(JSON.parse(JSON.stringify(file.spec))), f).toBe(true);
    }
  });
});

describe('malformed expectation files: file:line:column, JSON path, expected, found', () => {
  it('a misspelt key, with a suggestion', () => {
    const e = problem('e.json', json([{ select: 'all', outcom: 'completed' }]));
    expect(e.file).toBe('e.json:6:17');
    expect(e.jsonPath).toBe('$.expectations[0].outcom');
    expect(e.expected).toMatch(/^"outcome" \(known: name, description, select/);
    expect(e.found).toBe('the unknown property "outcom"');
    expect(e.exitCode).toBe(2);
  });

  it('an expectation that states nothing', () => {
    const e = problem('e.json', json([{ name: 'x', select: 'all' }]));
    expect([e.jsonPath, e.found]).toEqual(['$.expectations[0]', 'only name, select']);
    expect(e.expected).toMatch(/^at least one of operation, variant, outcome, stages/);
  });

  it('wrong types and values', () => {
    expect(problem('e.json', '{"version": 2, "expectations": []}').message).toBe('e.json:1:13: at $.version: expected 1, found number 2');
    expect(problem('e.json', json([{ select: 'al', count: 1 }])).expected).toBe('"all", or an object');
    expect(problem('e.json', json([{ select: 'all', count: -1 }])).expected).toBe('an integer ≥ 0, or an object');
    expect(problem('e.json', json([{ select: { requestId: 'req-1' }, count: 1 }])).expected).toBe('req-<uuid>, or the bare uuid, any case');
    expect(problem('e.json', json([{ select: 'all', outcome: 'done' }])).expected).toBe('one of "completed", "failed", "incomplete", "unknown"');
    expect(problem('e.json', '[]').message).toBe('e.json:1:1: at $: expected an object, found an empty array');
  });

  it('a regex that does not compile', () => {
    const e = problem('e.json', json([{ select: 'all', failure: { message: '(unclosed' } }]));
    expect(e.jsonPath).toBe('$.expectations[0].failure.message');
    expect(e.expected).toBe('a regular expression that compiles');
    expect(e.found).toMatch(/^"\(unclosed" \(Invalid regular expression/);
  });

  it('ids that are not in the models: operation, variant, stage, failure', () => {
    const op = problem('e.json', json([{ select: { operation: 'bot' }, count: 1 }]));
    expect([op.jsonPath, op.found]).toEqual(['$.expectations[0].select.operation', '"bot"']);
    expect(op.expected).toMatch(/^an operation id such as "boot"/);
    const stage = problem('e.json', json([{ select: 'all', operation: 'boot', stages: ['api', 'spawnd'] }]));
    expect([stage.jsonPath, stage.expected.slice(0, 37)]).toEqual(['$.expectations[0].stages[1]', 'a stage of boot such as "spawned" (kn']);
    const budget = problem('e.json', json([{ select: { operation: 'pause' }, stageBudgetsMs: { spawning: 1 } }]));
    expect(budget.jsonPath).toBe('$.expectations[0].stageBudgetsMs.spawning');
    expect(budget.expected).toMatch(/^a stage of pause \(known: api, compute_received, lifecycle\)/);
    expect(problem('e.json', json([{ select: 'all', operation: 'boot', variant: 'hard' }])).expected).toBe('null (boot has no variants)');
    expect(problem('e.json', json([{ select: 'all', operation: 'boot', failure: { id: 'nope' } }])).expected).toMatch(/^a failure id of boot/);
    expect(problem('e.json', json([{ select: 'all', stages: ['api'], notStages: ['api'] }])).found).toBe('"api" in both');
    expect(problem('e.json', json([{ select: 'all', count: { min: 3, max: 1 } }])).found).toBe('min 3, max 1');
  });

  it('two expectations with one name', () => {
    const e = problem('e.json', json([{ name: 'a', select: 'all', count: 1 }, { name: 'a', select: 'all', noFailed: true }]));
    expect(e.jsonPath).toBe('$.expectations[1].name');
    expect(e.found).toBe('"a", also the name of expectations[0]');
  });

  it('JSON syntax errors and duplicate keys, with the line', () => {
    const e = problem('e.json', '{\n  "version": 1,\n  "expectations": [],\n}\n');
    expect(e.file).toBe('e.json:4:1');
    expect(e.expected).toBe('valid JSON');
    expect(e.found).toMatch(/^a syntax error/);
    const dup = problem('e.json', '{\n  "version": 1,\n  "version": 1,\n  "expectations": []\n}\n');
    expect([dup.file, dup.expected]).toEqual(['e.json:3:3', 'each key once per object']);
  });

  it('YAML: positions, syntax errors, an empty file', () => {
    const y = 'version: 1\nexpectations:\n  - select: all\n    count: many\n';
    expect(problem('e.yaml', y).message).toBe('e.yaml:4:12: at $.expectations[0].count: expected an integer, or an object, found "many"');
    const bad = problem('e.yml', 'version: 1\nexpectations:\n  - select: [all\n');
    expect([bad.expected, bad.file.startsWith('e.yml:')]).toEqual(['valid YAML', true]);
    expect(problem('e.yaml', '').message).toBe('e.yaml: at $: expected an object, found null');
  });

  it('loads a valid YAML file, naming expectations that have no name', () => {
    const y = 'version: 1\nexpectations:\n  - select: { operation: boot }\n    count: 12\n  - select: all\n    noFailed: true\n  - select: all\n    noFailed: true\n';
    const f = loadExpectations('e.yaml', y, models);
    expect(f.format).toBe('yaml');
    expect(f.expectations.map((e) => e.name)).toEqual(['boot operations: exactly 12', 'all operations: none failed', 'all operations: none failed #2']);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}
