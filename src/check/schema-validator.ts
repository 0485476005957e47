// A small JSON Schema (draft 2020-12) validator for the keywords schema/expectations.schema.json uses:
// the shipped schema is the single definition of the format, and its problems come back as
// (path, expected, found) for ValidationError. Anything outside this subset is ignored, on purpose.
export type JsonPath = ReadonlyArray<string | number>;

export interface SchemaIssue {
  path: JsonPath;
  expected: string;
  found: string;
}

import { describeValue, suggest } from './words.js';

export { describeValue, suggest };

type Schema = Record<string, unknown>;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class SchemaValidator {
  constructor(private readonly root: Schema) {}

  validate(value: unknown): SchemaIssue[] {
    return this.check(this.root, value, []);
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = this.root;
    for (const part of ref.slice(2).split('/')) node = (node as Schema)[part];
    if (!isObject(node)) throw new Error(`unresolved $ref ${ref}`);
    return node;
  }

  private check(s: Schema, v: unknown, path: JsonPath): SchemaIssue[] {
    const fail = (expected: string, found = describeValue(v), at: JsonPath = path): SchemaIssue[] => [{ path: at, expected, found }];
    if (typeof s.$ref === 'string') {
      const issues = this.check(this.resolve(s.$ref), v, path);
      if (issues.length > 0) return issues;
    }
    if ('const' in s && v !== s.const) return fail(JSON.stringify(s.const));
    if (Array.isArray(s.enum) && !s.enum.includes(v)) return fail(`one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    if (s.type !== undefined) {
      const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
      const t = typeOf(v);
      if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return fail(types.map((x) => TYPE_NAMES[x] ?? x).join(' or '));
    }
    let issues: SchemaIssue[] = [];
    if (typeof v === 'string') issues = this.checkString(s, v, path);
    else if (typeof v === 'number' && typeof s.minimum === 'number' && v < s.minimum) issues = fail(`${s.type === 'integer' ? 'an integer' : 'a number'} ≥ ${s.minimum}`);
    else if (Array.isArray(v)) issues = this.checkArray(s, v, path);
    else if (isObject(v)) issues = this.checkObject(s, v, path);
    // anyOf last: a misspelt property is a clearer message than "none of the alternatives".
    if (issues.length === 0 && Array.isArray(s.anyOf)) issues = this.anyOf(s.anyOf as Schema[], v, path);
    return issues;
  }

  private anyOf(branches: Schema[], v: unknown, path: JsonPath): SchemaIssue[] {
    const results = branches.map((b) => this.check(b, v, path));
    if (results.some((r) => r.length === 0)) return [];
    // Branches that only require a key: "at least one of these properties".
    const keys = branches.map((b) => (Array.isArray(b.required) && Object.keys(b).length === 1 ? (b.required[0] as string) : null));
    if (keys.every((k) => k !== null) && isObject(v)) {
      const present = Object.keys(v);
      return [{ path, expected: `at least one of ${keys.join(', ')}`, found: present.length ? `only ${present.join(', ')}` : 'an empty object' }];
    }
    // The branch that got furthest into the value explains best; at equal depth, list the alternatives.
    const depth = (r: SchemaIssue[]) => Math.max(...r.map((i) => i.path.length));
    const deepest = Math.max(...results.map(depth));
    const best = results.filter((r) => depth(r) === deepest);
    if (best.length === 1 || deepest > path.length) return best[0]!;
    const expected = [...new Set(best.map((r) => r[0]!.expected))].join(', or ');
    return [{ path, expected, found: best[0]![0]!.found }];
  }

  private checkString(s: Schema, v: string, path: JsonPath): SchemaIssue[] {
    if (typeof s.minLength === 'number' && v.length < s.minLength) return [{ path, expected: 'a non-empty string', found: describeValue(v) }];
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) {
      const d = typeof s.description === 'string' ? s.description.replace(/\.$/, '') : null;
      const what = d ? d.charAt(0).toLowerCase() + d.slice(1) : `a string matching /${s.pattern}/`;
      return [{ path, expected: what, found: describeValue(v) }];
    }
    if (s.format === 'regex') {
      try {
        new RegExp(v, 'u');
      } catch (err) {
        return [{ path, expected: 'a regular expression that compiles', found: `${describeValue(v)} (${(err as Error).message})` }];
      }
    }
    if (s.format === 'date-time' && (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(v) || Number.isNaN(Date.parse(v)))) {
      return [{ path, expected: 'an ISO 8601 time such as 2026-11-21T18:03:44.493Z', found: describeValue(v) }];
    }
    return [];
  }

  private checkArray(s: Schema, v: unknown[], path: JsonPath): SchemaIssue[] {
    if (typeof s.minItems === 'number' && v.length < s.minItems) return [{ path, expected: `at least ${s.minItems} item(s)`, found: describeValue(v) }];
    if (isObject(s.items)) {
      for (let i = 0; i < v.length; i++) {
        const issues = this.check(s.items, v[i], [...path, i]);
        if (issues.length > 0) return issues;
      }
    }
    if (s.uniqueItems === true) {
      const seen = new Set<string>();
      for (let i = 0; i < v.length; i++) {
        const key = JSON.stringify(v[i]);
        if (seen.has(key)) return [{ path: [...path, i], expected: 'no repeated item', found: `${describeValue(v[i])} again` }];
        seen.add(key);
      }
    }
    return [];
  }

  private checkObject(s: Schema, v: Record<string, unknown>, path: JsonPath): SchemaIssue[] {
    const props = isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
    for (const key of (s.required as string[] | undefined) ?? []) {
      if (!(key in v)) return [{ path, expected: `a property "${key}"`, found: `an object without it` }];
    }
    if (typeof s.minProperties === 'number' && Object.keys(v).length < s.minProperties) {
      return [{ path, expected: `at least ${s.minProperties} propert${s.minProperties === 1 ? 'y' : 'ies'}`, found: 'an empty object' }];
    }
    for (const [key, value] of Object.entries(v)) {
      const at = [...path, key];
      if (isObject(s.propertyNames)) {
        const issues = this.check(s.propertyNames, key, at);
        if (issues.length > 0) return issues.map((i) => ({ ...i, expected: `a key that is ${i.expected}` }));
      }
      const sub = props[key];
      if (sub) {
        const issues = this.check(sub, value, at);
        if (issues.length > 0) return issues;
      } else if (s.additionalProperties === false) {
        const known = Object.keys(props);
        const near = suggest(key, known);
        return [{ path: at, expected: near ? `"${near}" (known: ${known.join(', ')})` : `one of ${known.join(', ')}`, found: `the unknown property "${key}"` }];
      } else if (isObject(s.additionalProperties)) {
        const issues = this.check(s.additionalProperties, value, at);
        if (issues.length > 0) return issues;
      }
    }
    return [];
  }
}
