/**
 * The review site in a real browser (Debian's Chromium through playwright-core): the index filters
 * to the documents with failing checks, a failing check highlights exactly the cells it names, and
 * every drawn cell box lies on ink of the rendered page and frames its value in the PDF's text layer.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../src/model/schema.js';
import { renderPdf } from './fixtures/disclosure.js';
import { FIXTURES } from './fixtures/models.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'gongkai.js');
const CHROMIUM = '/usr/bin/chromium';

let out = '';
let browser: Browser;
let tampered: DocumentResult;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-review-'));
  const input = path.join(dir, 'in');
  mkdirSync(input);
  for (const f of ['ruled-final-wanyuan.pdf', 'budget-three-panel-unnumbered.pdf'])
    copyFileSync(path.join(root, 'corpus', f), path.join(input, f));
  const docx = readdirSync(path.join(root, 'corpus')).find((f) => f.endsWith('.docx'))!;
  copyFileSync(path.join(root, 'corpus', docx), path.join(input, docx));
  // a document whose 类 row disagrees with its 款 rows: one failing check
  const base = FIXTURES[0];
  const tables = base.doc.tables.map((t) =>
    t.number === '03'
      ? { ...t, body: t.body.map((r) => (r[0] === '201' ? [r[0], r[1], '999.99', r[3], r[4]] : r)) }
      : t,
  );
  writeFileSync(path.join(input, 'tampered.pdf'), renderPdf({ ...base.doc, tables }, base.narrative));
  out = path.join(dir, 'out');
  execFileSync(process.execPath, [bin, 'extract', input, '--out', out, '--no-db', '-q', '--no-progress']);
  execFileSync(process.execPath, [bin, 'review', out, '--debug'], { stdio: 'pipe' });
  tampered = readdirSync(path.join(out, 'documents'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(out, 'documents', f), 'utf8')) as DocumentResult)
    .find((d) => d.document === 'tampered.pdf')!;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
});

/** Each page's words as poppler's text layer has them, in PDF points from the top-left. */
function textLayer(pdf: string): { text: string; x0: number; y0: number; x1: number; y1: number }[][] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return html
    .split('<page ')
    .slice(1)
    .map((pg) =>
      [...pg.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({ text: m[5], x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4] }),
      ),
    );
}

describe('review site', () => {
  it('filters to failing checks; a failing check highlights exactly the cells it names', async () => {
    const page = await browser.newPage();
    await page.goto('file://' + path.join(out, 'review', 'index.html'));
    expect(await page.locator('#rows tr').count()).toBe(4);
    await page.check('#f-failing');
    const names = await page.locator('#rows tr td:first-child').allTextContents();
    expect(names).toEqual(['tampered.pdf']);
    await page.click('#rows a');
    await page.waitForSelector('li[data-check]');
    const failing = tampered.checks.filter((c) => c.status === 'fail');
    expect(await page.locator('li[data-check]').count()).toBe(failing.length);
    for (const [i, check] of failing.entries()) {
      await page.click(`li[data-check="${i}"]`);
      // the highlighted table cells, read back from the page as row | column | value
      const shown = await page.locator('td.hl').evaluateAll((tds) =>
        tds.map((td) => {
          const { row, column, value } = (td as HTMLElement).dataset;
          return [row, column, value].join(' | ');
        }),
      );
      const named = check.cells.filter((c) => c.table !== 'text').map((c) => [c.row, c.column, c.value].join(' | '));
      expect(shown.sort()).toEqual(named.sort());
      // and on the page: one box per named cell
      expect(await page.locator('.box.hl').count()).toBe(named.length);
    }
    await page.close();
  });

  it('served on 127.0.0.1: every cell box of a page lies on ink of the rendered page', async () => {
    const server = spawn(process.execPath, [bin, 'review', out, '--serve', '--debug'], { stdio: 'pipe' });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          const m = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(d.toString());
          if (m) resolve(m[0]);
        });
        server.on('exit', (code) => reject(new Error(`review --serve exited ${code}`)));
      });
      const page = await browser.newPage();
      await page.goto(url);
      await page.click('#rows a >> text=ruled-final-wanyuan.pdf');
      await page.waitForSelector('.page img');
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
      // the share of dark pixels inside each box, on the page image itself (same origin: readable)
      const ink = await page.evaluate(() => {
        const out: number[] = [];
        for (const pg of document.querySelectorAll<HTMLElement>('.page')) {
          const img = pg.querySelector('img')!;
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          for (const box of pg.querySelectorAll<HTMLElement>('.box')) {
            const [x, y, w, h] = [box.offsetLeft, box.offsetTop, box.offsetWidth, box.offsetHeight];
            const data = ctx.getImageData(x, y, Math.max(1, w), Math.max(1, h)).data;
            let dark = 0;
            for (let k = 0; k < data.length; k += 4) if (data[k] + data[k + 1] + data[k + 2] < 3 * 128) dark++;
            out.push(dark / (data.length / 4));
          }
        }
        return out;
      });
      expect(ink.length).toBeGreaterThan(50);
      // a box around printed digits holds ink; one drawn off the text would hold none
      expect(ink.filter((v) => v < 0.02)).toEqual([]);
      // and each box frames the words the PDF's own text layer (poppler's) prints for its value
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.box')].map((b) => ({
          page: Number((b.parentElement as HTMLElement).dataset.page),
          value: b.dataset.value!,
          px: [b.offsetLeft, b.offsetTop, b.offsetLeft + b.offsetWidth, b.offsetTop + b.offsetHeight],
        })),
      );
      const layer = textLayer(path.join(root, 'corpus', 'ruled-final-wanyuan.pdf'));
      const off = boxes.filter((b) => {
        const [x0, y0, x1, y1] = b.px.map((v) => v / (96 / 72));
        return !layer[b.page - 1].some(
          (w) =>
            Number(w.text.replace(/,/g, '')) === Number(b.value) &&
            w.x0 >= x0 - 2 &&
            w.x1 <= x1 + 2 &&
            w.y0 >= y0 - 2 &&
            w.y1 <= y1 + 2,
        );
      });
      expect(off).toEqual([]);
      // the reader's view is there, behind its toggle
      expect(await page.locator('.debug .rule').count()).toBeGreaterThan(0);
      expect(await page.locator('.debug .rule').first().isVisible()).toBe(false);
      await page.check('#debug-toggle');
      expect(await page.locator('.debug .rule').first().isVisible()).toBe(true);
      expect(await page.locator('.debug .region').count()).toBeGreaterThan(0);
      await page.close();
    } finally {
      server.kill();
    }
  });
});
