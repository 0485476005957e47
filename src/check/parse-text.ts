// Expectation file text → value, plus where each JSON path sits in the text (line:column), so that a
// validation error points at the line to fix. JSON is parsed strictly by JSON.parse; the `yaml` parser
// (JSON is YAML) supplies positions for both formats and catches duplicate keys JSON.parse lets through.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ValidationError } from '../errors.js';
import type { JsonPath } from './schema-validator.js';

export interface ParsedText {
  value: unknown;
  /** `file:line:column` of the node at `path` (or of its nearest existing parent); `file` if unknown. */
  locate(path: JsonPath): string;
}

export type TextFormat = 'json' | 'yaml';

export function formatOf(file: string): TextFormat {
  return /\.ya?ml$/i.test(file) ? 'yaml' : 'json';
}

/** `$.expectations[3].select` for messages (the models validator writes paths the same way). */
export function formatPath(path: JsonPath): string {
  let out = '$';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return out;
}

function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) [line, last] = [line + 1, i];
  return `${line}:${offset - last}`;
}

export function parseText(file: string, text: string, format: TextFormat): ParsedText {
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter, uniqueKeys: true });
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      const msg = (err as Error).message;
      const pos = /at position (\d+)/.exec(msg);
      throw new ValidationError(pos ? `${file}:${lineCol(text, Number(pos[1]))}` : file, '$', 'valid JSON', `a syntax error (${msg.replace(/ in JSON at position \d+.*$/, '')})`);
    }
  }
  const dup = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
  const first = format === 'yaml' ? doc.errors[0] : dup;
  if (first) {
    const at = first.linePos?.[0];
    const where = at ? `${file}:${at.line}:${at.col}` : file;
    if (first.code === 'DUPLICATE_KEY') throw new ValidationError(where, '$', 'each key once per object', 'a key given twice');
    throw new ValidationError(where, '$', 'valid YAML', `a syntax error (${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`);
  }
  if (format === 'yaml') value = doc.toJS({ maxAliasCount: 1000 });
  return { value, locate: (path) => locate(doc, counter, file, path) };
}

function locate(doc: Document, counter: LineCounter, file: string, path: JsonPath): string {
  if (doc.errors.length > 0) return file;
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      const p = counter.linePos(range[0]);
      return `${file}:${p.line}:${p.col}`;
    }
  }
  return file;
}
