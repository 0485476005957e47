// The renderers: JUnit XML (checked by a small parser here and, when installed, by xmllint against an
// XSD of what CI tools accept), Markdown for step summaries, and the text summary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCheckText, renderJunit, renderMarkdown, xmlEscape, type CheckReport } from '../../src/check/index.js';
import { createPalette, PLAIN } from '../../src/report/colors.js';

const XSD = join(import.meta.dirname, 'junit.xsd');
const hasXmllint = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;

const report: CheckReport = {
  file: 'ci/expect/smoke.json',
  operations: 3,
  passed: 1,
  failed: 2,
  verdicts: [
    { index: 0, name: 'operations found', status: 'pass', selected: [], checked: ['count 3'], reasons: [], durationMs: 0 },
    {
      index: 1,
      name: 'boot of "vm1" <primary> & co',
      status: 'fail',
      selected: ['req-1'],
      checked: ['4 stages reached'],
      reasons: ['boot req-1 reached `spawning` but not `spawned`; failed: VirtualInterfaceCreateException', 'second | reason'],
      durationMs: 32620,
    },
    { index: 2, name: 'odd \u0001 bytes \ud800 ]]>', status: 'fail', selected: [], checked: [], reasons: ['tab\there\nnew line <x/>'], durationMs: 0 },
  ],
};

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi;
const decode = (s: string) =>
  s.replace(ENTITY, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e] ?? String.fromCodePoint(Number(e.slice(2, -1))));

/** A strict little XML reader: balanced tags, quoted attributes, only known entities, no raw < or &. */
function parseXml(xml: string): Element {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const root: Element = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length) {
    token.lastIndex = at;
    m = token.exec(body);
    if (!m) throw new Error(`not well-formed at ${at}: ${body.slice(at, at + 40)}`);
    at = token.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      if (m[5].replace(ENTITY, '').includes('&')) throw new Error(`raw & in text: ${m[5]}`);
      top.text += decode(m[5]);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/([\w-]+)="([^"]*)"/g)) {
        if (a[2]!.replace(ENTITY, '').includes('&')) throw new Error(`raw & in attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2]!);
      }
      const el: Element = { name: m[2]!, attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unbalanced, or not one root element');
  return root.children[0]!;
}

function xmllint(xml: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nova-trace-junit-'));
  const file = join(dir, 'report.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('JUnit XML', () => {
  const xml = renderJunit(report);

  it('has one testcase per expectation, counts and times (structure, without xmllint)', () => {
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '3', failures: '2', errors: '0', time: '32.620' });
    const suite = root.children[0]!;
    expect(suite.attrs).toMatchObject({ name: 'ci/expect/smoke.json', tests: '3', failures: '2', skipped: '0' });
    const cases = suite.children;
    expect(cases.map((c) => [c.name, c.attrs.classname, c.attrs.time])).toEqual([
      ['testcase', 'ci.expect.smoke', '0.000'],
      ['testcase', 'ci.expect.smoke', '32.620'],
      ['testcase', 'ci.expect.smoke', '0.000'],
    ]);
    expect(cases[0]!.children).toEqual([]);
    expect(cases[1]!.attrs.name).toBe('boot of "vm1" <primary> & co');
    const f = cases[1]!.children[0]!;
    expect([f.name, f.attrs.type, f.attrs.message]).toEqual(['failure', 'deviation', report.verdicts[1]!.reasons[0]]);
    expect(f.text).toBe(report.verdicts[1]!.reasons.join('\n'));
  });

  it('escapes markup and replaces characters XML cannot carry', () => {
    const odd = parseXml(xml).children[0]!.children[2]!;
    expect(odd.attrs.name).toBe('odd \ufffd bytes \ufffd ]]>');
    expect(odd.children[0]!.attrs.message).toBe('tab\there\nnew line <x/>');
    expect(xmlEscape('a\r\n"\'', true)).toBe('a&#13;&#10;&quot;&apos;');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it.skipIf(!hasXmllint)('validates against the JUnit XSD with xmllint', () => {
    expect(xmllint(xml)).toMatchObject({ status: 0 });
    const empty = renderJunit({ ...report, verdicts: [], passed: 0, failed: 0 });
    expect(xmllint(empty).status).toBe(0);
  });

  it.skipIf(!hasXmllint)('validates the committed golden JUnit report with xmllint', () => {
    const golden = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'check', 'boot-vif-failure', 'deviations.junit.xml'), 'utf8');
    expect(xmllint(golden)).toMatchObject({ status: 0 });
    expect(parseXml(golden).children[0]!.children).toHaveLength(17);
  });

  it.skipIf(!hasXmllint)('the XSD rejects what CI tools reject (a testcase without a name)', () => {
    const r = xmllint(xml.replace('name="operations found" ', ''));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/attribute 'name' is required/);
  });

  it.skipIf(hasXmllint)('xmllint is not installed (apt-get install libxml2-utils): XSD validation skipped', () => {});
});

describe('Markdown', () => {
  const md = renderMarkdown(report);

  it('heads with the verdict, lists failures with reasons, folds passes', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ❌ nova-trace check: 2 of 3 expectations failed');
    expect(lines[2]).toBe('`ci/expect/smoke.json` · 3 operations read');
    expect(lines).toContain('| | Expectation | Why |');
    expect(lines).toContain(
      '| ❌ | boot of "vm1" &lt;primary&gt; &amp; co | boot req-1 reached `spawning` but not `spawned`; failed: VirtualInterfaceCreateException<br>second \\| reason |',
    );
    expect(lines).toContain('| ❌ | odd \ufffd bytes \ufffd ]]&gt; | tab\there<br>new line &lt;x/&gt; |');
    expect(md).toContain('<details><summary>1 expectation passed</summary>\n\n| | Expectation | Checked |\n| --- | --- | --- |\n| ✅ | operations found | count 3 |\n\n</details>\n');
  });

  it('says all passed when nothing failed', () => {
    const ok = renderMarkdown({ ...report, verdicts: [report.verdicts[0]!], passed: 1, failed: 0 });
    expect(ok.split('\n')[0]).toBe('### ✅ nova-trace check: 1 expectation, all passed');
    expect(ok).not.toContain('| Why |');
  });
});

describe('text', () => {
  it('PASS/FAIL per expectation, reasons under failures, a count', () => {
    const text = renderCheckText(report, { palette: PLAIN, verbose: false, width: 120 });
    expect(text.split('\n')).toEqual([
      'nova-trace check: ci/expect/smoke.json (3 operations read)',
      '',
      '  PASS  operations found',
      '  FAIL  boot of "vm1" <primary> & co',
      '        boot req-1 reached `spawning` but not `spawned`; failed: VirtualInterfaceCreateException',
      '        second | reason',
      '  FAIL  odd \u0001 bytes \ud800 ]]>',
      '        tab\there',
      '        new line <x/>',
      '',
      '3 expectations: 1 passed, 2 failed',
    ]);
  });

  it('colours from the palette', () => {
    const text = renderCheckText(report, { palette: createPalette(1), verbose: false, width: 120 });
    expect(text).toContain('\u001b[32mPASS\u001b[39m');
    expect(text).toContain('\u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m');
  });
});
