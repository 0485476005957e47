// Real logs from ../shared (never copied into the repository): every line is accounted for, no oslo
// header is left unparsed, and the counts are pinned so that a regression shows. Skips when absent.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createAssembler, serviceFromPath } from '../../src/parse/index.js';
import type { SourceStats } from '../../src/types.js';
import { assertInvariant } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(here, '../../../shared/corpus');
const lab = resolve(here, '../../../shared/lab/recordings/zed-2026-11-21');

const OSLO_HEADER = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:[.,]\d+)? (?:\d+ )?(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|AUDIT|TRACE) /;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (!name.endsWith('.md') && !name.endsWith('.json') && !name.endsWith('.tsv')) out.push(p);
  }
  return out;
}

function parseFile(path: string): { stats: SourceStats; emitted: number; unparsedHeaders: string[] } {
  let buf = readFileSync(path);
  if (path.endsWith('.gz')) buf = gunzipSync(buf);
  const text = buf.toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let emitted = 0;
  const name = basename(path);
  const a = createAssembler({ source: name, service: serviceFromPath(name), host: null, year: null, referenceTime: statSync(path).mtimeMs }, () => {
    emitted++;
  });
  const unparsedHeaders: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (a.push(line, i + 1) === 'unparsed' && OSLO_HEADER.test(line)) unparsedHeaders.push(line.slice(0, 200));
  }
  a.end();
  return { stats: a.stats, emitted, unparsedHeaders };
}

type Pinned = Record<string, { records: number; folded: number; unparsed: number }>;

// records / folded / unparsed per file, as of this parser; update deliberately when parsing improves.
const CORPUS: Pinned = {
  'screen-n-api.txt.gz': { records: 14889, folded: 35852, unparsed: 4 },
  'controller1-nova-api.log': { records: 131, folded: 0, unparsed: 0 },
  'controller1-nova-compute.log': { records: 43, folded: 148, unparsed: 0 },
  'controller1-nova-compute.log-20151124.gz': { records: 9629, folded: 51924, unparsed: 0 },
  'controller1-nova-conductor.log': { records: 227, folded: 448, unparsed: 0 },
  'controller1-nova-scheduler.log': { records: 6836, folded: 225, unparsed: 0 },
  'nova-compute.log.1': { records: 12631, folded: 10641, unparsed: 0 },
};

const LAB: Pinned = {
  'n-api.log.gz': { records: 6401, folded: 4, unparsed: 0 },
  'n-cond.log.gz': { records: 1076, folded: 128, unparsed: 0 },
  'n-cpu-1.log.gz': { records: 2266, folded: 8, unparsed: 0 },
  'n-cpu-2.log.gz': { records: 1201, folded: 4, unparsed: 0 },
  'n-cpu-lv1.log.gz': { records: 1733, folded: 1769, unparsed: 0 },
  'n-sch.log.gz': { records: 1532, folded: 4, unparsed: 0 },
};

function suite(title: string, dir: string, pinned: Pinned): void {
  describe.skipIf(!existsSync(dir))(title, () => {
    const files = existsSync(dir) ? filesUnder(dir) : [];
    it('has every pinned file', () => {
      expect(files.map((f) => basename(f)).sort()).toEqual(Object.keys(pinned).sort());
    });
    for (const file of files) {
      it(basename(file), () => {
        const { stats, emitted, unparsedHeaders } = parseFile(file);
        assertInvariant(stats);
        expect(emitted).toBe(stats.records);
        expect(unparsedHeaders).toEqual([]);
        const { records, folded, unparsed } = stats;
        expect({ records, folded, unparsed }).toEqual(pinned[basename(file)]);
      });
    }
  });
}

suite('shared corpus', corpus, CORPUS);
suite('lab recording zed-2026-11-21', lab, LAB);
