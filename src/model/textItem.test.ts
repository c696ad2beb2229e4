import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textItem } from './textItem.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// V8 tells whether two objects share a hidden class only to a process started with natives syntax
const SAME_SHAPE_SCRIPT = `
import { readFileSync } from 'node:fs';
import { readPdf } from './src/read/pdf/pdf.ts';
import { textItem } from './src/model/textItem.ts';
import { buildLines, segmentsOf } from './src/locate/lines.ts';
import { splitAcrossRules } from './src/reconstruct/ruledGrid.ts';
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)');
const { value: { pages } } = await readPdf(new Uint8Array(readFileSync('corpus/ruled-final-wanyuan.pdf')));
const read = pages.flatMap((p) => p.items);
const joined = pages.flatMap((p) => buildLines(p.items).flatMap((l) => segmentsOf(l, 3)));
const rule = { x0: 60, x1: 60, y0: -10, y1: 30 };
const split = splitAcrossRules([textItem('4571.73 一般公共服务支出', 0, 200, 0, 12, 12)], [rule]);
const ocr = [textItem('合计', 10, 34, 100, 112, 12, 88)];
const first = read[0];
const count = (items) => items.filter((it) => !sameMap(first, it)).length;
const otherShape = { read: count(read), joined: count(joined), split: count(split), ocr: count(ocr) };
console.log(JSON.stringify({ read: read.length, joined: joined.length, split: split.length, otherShape }));
`;

describe('textItem', () => {
  it('has the same keys in the same order with and without an OCR confidence', () => {
    expect(Object.keys(textItem('a', 1, 2, 3, 4, 5, 90))).toEqual([
      'str',
      'x0',
      'x1',
      'y0',
      'y1',
      'fontSize',
      'confidence',
    ]);
    expect(Object.keys(textItem('a', 1, 2, 3, 4, 5))).toEqual([
      'str',
      'x0',
      'x1',
      'y0',
      'y1',
      'fontSize',
      'confidence',
    ]);
  });

  it('gives items read, joined into segments, split at rules and recognized by OCR one hidden class', () => {
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', SAME_SHAPE_SCRIPT],
      { cwd: root, encoding: 'utf8' },
    );
    const r = JSON.parse(out.trim().split('\n').pop()!);
    expect(r.read).toBeGreaterThan(50);
    expect(r.joined).toBeGreaterThan(20);
    expect(r.split).toBe(2);
    expect(r.otherShape).toEqual({ read: 0, joined: 0, split: 0, ocr: 0 });
  }, 60_000);
});
