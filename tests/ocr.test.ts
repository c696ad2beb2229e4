/**
 * Scans of the project's own documents (tests/fixtures/scan.ts: rendered at 200 dpi, turned,
 * grey paper, noise) read by the default OCR engine (PP-OCR) through the same pipeline, scored
 * against the same expected cells as the text PDFs (row names without their list ordinals). The
 * floor is set just under what the OCR path reaches; every cell still wrong must be flagged. The
 * mojibake scan is read by tesseract, the fallback engine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract, type DocumentResult } from '../src/index.js';
import { LOW_CONFIDENCE } from '../src/ocr/settings.js';
import { cellKey, diffCells, type Expected } from './compare.js';
import { SCANS, scanPdf } from './fixtures/scan.js';
import { type3Pdf } from './fixtures/type3.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'corpus');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gongkai-ocr-test-'));

describe('scanned disclosures', () => {
  const docs = new Map<string, { doc: DocumentResult; expected: Expected }>();
  let noUnicode: { doc: DocumentResult; expected: Expected };
  beforeAll(async () => {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' }); // fails loudly where the renderer is not installed
    const read = async (name: string, bytes: Buffer, suffix: string) => {
      const file = path.join(tmp, `${name}.${suffix}.pdf`);
      writeFileSync(file, bytes);
      const expected = JSON.parse(readFileSync(path.join(corpus, `${name}.expected.json`), 'utf8')) as Expected;
      return { doc: await extract(file), expected };
    };
    await Promise.all([
      ...SCANS.map(async ({ name, style }) =>
        docs.set(name, await read(name, scanPdf(readFileSync(path.join(corpus, `${name}.pdf`)), style), 'scan')),
      ),
      (async () =>
        (noUnicode = await read(
          'ruled-final-wanyuan',
          type3Pdf(readFileSync(path.join(corpus, 'ruled-final-wanyuan.pdf'))),
          'type3',
        )))(),
    ]);
  }, 900_000);

  it('reads every page by OCR, measuring and removing the skew', () => {
    for (const { name, style } of SCANS) {
      const { doc } = docs.get(name)!;
      expect(doc.error).toBeNull();
      expect(doc.text_source).toBe('ocr');
      expect(doc.ocr_pages.length).toBe(doc.pages);
      expect(doc.ocr_pages.every((p) => /no text layer/.test(p.reason))).toBe(true);
      const tablePages = doc.ocr_pages.filter((p) => doc.tables.some((t) => t.pages.includes(p.page)));
      expect(tablePages.filter((p) => Math.abs(p.skew - style.rotate) <= 0.2).length).toBeGreaterThanOrEqual(
        tablePages.length * 0.8,
      );
    }
  });

  it.each(SCANS.map((s) => s.name))(
    '%s: finds every table and at least 98%% of the cells, 98%% of what it reports right',
    (name) => {
      const { doc, expected } = docs.get(name)!;
      expect(doc.tables.map((t) => t.number).sort()).toEqual([...expected.tables].sort());
      const { missing, extra } = diffCells(doc, expected, { ordinals: false });
      const total = doc.tables.reduce((n, t) => n + t.cells.length, 0);
      expect((expected.cells.length - missing.length) / expected.cells.length).toBeGreaterThanOrEqual(0.98);
      expect((total - extra.length) / total).toBeGreaterThanOrEqual(0.98);
      for (const t of doc.tables) for (const c of t.cells) expect(c.confidence).toBeTypeOf('number');
    },
  );

  it('no wrong value passes silently: low confidence, missing decimals or a failing check', () => {
    for (const { name } of SCANS) {
      const { doc, expected } = docs.get(name)!;
      const { extra } = diffCells(doc, expected, { ordinals: false });
      const wrong = doc.tables.flatMap((t) => t.cells).filter((c) => extra.includes(cellKey(c, { ordinals: false })));
      for (const c of wrong) {
        const low = (c.confidence ?? 100) < LOW_CONFIDENCE;
        const checked = doc.checks.some(
          (k) =>
            k.status === 'fail' && k.cells.some((r) => r.table === c.table && r.page === c.page && r.value === c.value),
        );
        expect(low || checked, `${name}: ${c.table} ${c.row_code || c.row_name} / ${c.column} = ${c.value}`).toBe(true);
      }
      if (wrong.length) expect(doc.status).toBe('warnings');
    }
  });

  it('says which names it matched to the vocabulary of real disclosures', () => {
    const notes = [...docs.values()]
      .flatMap(({ doc }) => doc.tables.flatMap((t) => t.notes))
      .filter((n) => /OCR names matched/.test(n));
    for (const n of notes) expect(n).toMatch(/→/);
  });

  it('reads a PDF whose CJK font has no usable Unicode map (Type 3 bitmap glyphs, no ToUnicode) by OCR', () => {
    const { doc, expected } = noUnicode;
    expect(doc.text_source).toBe('ocr');
    expect(doc.ocr_pages.length).toBe(doc.pages);
    expect(doc.ocr_pages.every((p) => /replacement or private-use|gibberish|Latin letters/.test(p.reason))).toBe(true);
    expect(doc.tables.map((t) => t.number).sort()).toEqual([...expected.tables].sort());
    const { missing, extra } = diffCells(doc, expected, { ordinals: false });
    const total = doc.tables.reduce((n, t) => n + t.cells.length, 0);
    expect((expected.cells.length - missing.length) / expected.cells.length).toBeGreaterThanOrEqual(0.98);
    expect((total - extra.length) / total).toBeGreaterThanOrEqual(0.98);
  });

  it('sends a text layer of mojibake to OCR, and says why', async () => {
    const file = path.join(tmp, 'garbage.pdf');
    writeFileSync(
      file,
      scanPdf(readFileSync(path.join(corpus, 'borderless-final-yuan.pdf')), {
        dpi: 200,
        rotate: 0.3,
        paper: 235,
        noise: 10,
        garbageText: true,
      }),
    );
    const d = await extract(file, { ocrEngine: 'tesseract' });
    expect(d.ocr_pages.length).toBe(d.pages);
    expect(d.ocr_pages.every((p) => /Latin-1 gibberish/.test(p.reason))).toBe(true);
    expect(d.tables.length).toBeGreaterThan(0);
    expect(d.tables.flatMap((t) => t.cells).length).toBeGreaterThan(0);
  }, 180_000);
});
