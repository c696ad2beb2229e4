import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { TEXT_ONLY_FONTS_APPLIED } from './pdfjs.js';
import { APPLIED_MARKER, applyEdits, PDFJS_EDITS } from './pdfjsTextOnly.js';

const require = createRequire(import.meta.url);

describe('the edits to pdf.js (text-only fonts, bounds)', () => {
  it('each find its text exactly once in the installed pdf.js, and are in effect', () => {
    for (const file of new Set(PDFJS_EDITS.map((e) => e.file))) {
      const source = readFileSync(require.resolve(file.slice(1)), 'utf8');
      const edits = PDFJS_EDITS.filter((e) => e.file === file);
      for (const e of edits)
        expect(source.split(e.find).length - 1, `${file}: ${e.find.trim().split('\n')[0]}`).toBe(1);
      expect(applyEdits(source, edits)).not.toBe(source);
    }
    // pdf.js as this process loaded it took the edits
    expect(TEXT_ONLY_FONTS_APPLIED).toBe(true);
  });

  it('are made all or none: a file where one does not find its text exactly once stays as it was', () => {
    const edits = [
      { file: 'x', find: 'alpha', replace: 'ALPHA' },
      { file: 'x', find: 'beta', replace: 'BETA' },
    ];
    expect(applyEdits('alpha beta', edits, APPLIED_MARKER)).toBe(`ALPHA BETA${APPLIED_MARKER}`);
    expect(applyEdits('alpha gamma', edits, APPLIED_MARKER)).toBe('alpha gamma');
    expect(applyEdits('alpha beta beta', edits, APPLIED_MARKER)).toBe('alpha beta beta');
  });
});
