// Expectation file text → compiled expectations, or a ValidationError naming the file, line:column,
// JSON path, what was expected and what was found. The shipped JSON Schema is the format's definition.
import { readFileSync } from 'node:fs';
import { ValidationError } from '../errors.js';
import type { CompiledModel } from '../models/index.js';
import { formatOf, formatPath, parseText } from './parse-text.js';
import { SchemaValidator, type SchemaIssue } from './schema-validator.js';
import { compileSelect, defaultName } from './select.js';
import { semanticIssues } from './semantic-checks.js';
import type { Expectation, ExpectationFile, ExpectationFileSpec } from './types.js';

/** schema/ sits two levels above both src/check/ and dist/check/, and ships in the package. */
export const SCHEMA_URL = new URL('../../schema/expectations.schema.json', import.meta.url);

let validator: SchemaValidator | null = null;

export function expectationSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

function schemaValidator(): SchemaValidator {
  validator ??= new SchemaValidator(expectationSchema());
  return validator;
}

export function loadExpectations(file: string, text: string, models: readonly CompiledModel[]): ExpectationFile {
  const format = formatOf(file);
  const parsed = parseText(file, text, format);
  const fail = (issue: SchemaIssue): never => {
    throw new ValidationError(parsed.locate(issue.path), formatPath(issue.path), issue.expected, issue.found);
  };
  const first = schemaValidator().validate(parsed.value)[0];
  if (first) fail(first);
  const spec = parsed.value as ExpectationFileSpec;
  const semantic = semanticIssues(spec, models);
  if (semantic) fail(semantic);
  return { path: file, format, spec, expectations: compileExpectations(spec) };
}

/** Names settled (a default name made from the selection, made unique), selection and regex compiled. */
export function compileExpectations(spec: ExpectationFileSpec): Expectation[] {
  const used = new Set(spec.expectations.map((e) => e.name).filter((n): n is string => n !== undefined));
  return spec.expectations.map((e, index) => {
    let name = e.name;
    if (name === undefined) {
      const base = defaultName(e);
      name = base;
      for (let n = 2; used.has(name); n++) name = `${base} #${n}`;
      used.add(name);
    }
    const message = e.failure?.message === undefined ? null : new RegExp(e.failure.message, 'u');
    return { index, name, spec: e, selects: compileSelect(e.select), message };
  });
}
