// Every command's --json output validates against the published schema (schema/output.schema.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'output.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);
const LAB = join(ROOT, 'fixtures', 'lab');

function valid(stdout: string) {
  const doc = JSON.parse(stdout);
  const ok = validate(doc);
  expect(ok ? [] : validate.errors).toEqual([]);
  return doc;
}

describe('JSON output schema', () => {
  it('is itself a valid draft 2020-12 schema', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('holds for list --json over every lab fixture', () => {
    const r = cli(['list', LAB, '--json', '--all']);
    expect(r.code).toBe(0);
    const doc = valid(r.stdout);
    expect(doc.operations.length).toBeGreaterThan(5);
  });

  it('holds for a request trace --json, with records', () => {
    const list = JSON.parse(cli(['list', LAB, '--json']).stdout);
    const failed = list.operations.find((o: { outcome: string }) => o.outcome !== 'completed') ?? list.operations[0];
    const r = cli([failed.requestId, LAB, '--json']);
    expect(r.code).toBe(0);
    const doc = valid(r.stdout);
    expect(doc.records.length).toBeGreaterThan(0);
    expect(doc.operations[0].requestId).toBe(failed.requestId);
  });

  it('holds for instance --json', () => {
    const list = JSON.parse(cli(['list', LAB, '--json']).stdout);
    const withInstance = list.operations.find((o: { instance: string | null }) => o.instance !== null);
    const r = cli(['instance', withInstance.instance, LAB, '--json']);
    expect(r.code).toBe(0);
    valid(r.stdout);
  });

  it('rejects a document that breaks it (the test can fail)', () => {
    expect(validate({ schemaVersion: 1, sources: [{ path: 'x' }], operations: [] })).toBe(false);
    expect(validate({ schemaVersion: 2, sources: [], operations: [] })).toBe(false);
  });
});
