// Writes an expectation file the same way every time: keys in the schema's order, 2-space JSON with
// short lists and flat objects on one line (a stage list reads as one line in a diff), or YAML when the
// file ends in .yaml/.yml; always a final newline. Same input → byte-identical output.
import { Document, isScalar, visit } from 'yaml';
import type { TextFormat } from './parse-text.js';
import { EXPECTATION_KEYS, FAILURE_KEYS, FILE_KEYS, SELECT_KEYS, type ExpectationFileSpec } from './types.js';

const WIDTH = 160;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function ordered(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  for (const k of Object.keys(value)) if (!(k in out) && value[k] !== undefined) out[k] = value[k];
  return out;
}

/** The file with every object's keys in canonical order and undefined values gone. */
export function canonical(spec: ExpectationFileSpec): Json {
  const file = ordered(spec as unknown as Record<string, unknown>, FILE_KEYS);
  file.expectations = spec.expectations.map((e) => {
    const out = ordered(e as unknown as Record<string, unknown>, EXPECTATION_KEYS);
    if (typeof e.select === 'object') out.select = ordered(e.select, SELECT_KEYS);
    if (e.failure) out.failure = ordered(e.failure as Record<string, unknown>, FAILURE_KEYS);
    if (typeof e.count === 'object') out.count = ordered(e.count, ['min', 'max']);
    return out;
  });
  return JSON.parse(JSON.stringify(file)) as Json;
}

export function serializeExpectations(spec: ExpectationFileSpec, format: TextFormat): string {
  const value = canonical(spec);
  return format === 'yaml' ? toYaml(value) : toJson(value, 0, 0) + '\n';
}

const isScalarJson = (v: Json) => v === null || typeof v !== 'object';

function toJson(v: Json, depth: number, used: number): string {
  if (isScalarJson(v)) return JSON.stringify(v);
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isScalarJson)) {
      const line = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      if (used + line.length <= WIDTH) return line;
    }
    return `[\n${v.map((x) => pad + toJson(x, depth + 1, pad.length)).join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  if (depth > 0 && entries.every(([, x]) => isScalarJson(x))) {
    const line = `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${JSON.stringify(x)}`).join(', ')} }`;
    if (used + line.length <= WIDTH) return line;
  }
  return `{\n${entries
    .map(([k, x]) => {
      const head = `${pad}${JSON.stringify(k)}: `;
      return head + toJson(x, depth + 1, head.length);
    })
    .join(',\n')}\n${end}}`;
}

function toYaml(value: Json): string {
  const doc = new Document(value);
  // Lists of stage ids read best on one line, as in the JSON form.
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_, node) {
      if (node !== doc.contents && node.items.every((p) => isScalar(p.value)) && node.items.length <= 3) node.flow = true;
    },
  });
  return doc.toString({ indent: 2, lineWidth: 0, flowCollectionPadding: true });
}
