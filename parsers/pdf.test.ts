import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { readPdf, splitOnWideGaps } from './pdf.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// the fixture's font is STSong-Light / UniGB-UCS2-H, not embedded, without ToUnicode
const fixture = path.join(here, '..', 'corpus', 'ruled-final-wanyuan.pdf');

describe('readPdf', () => {
  it('decodes a non-embedded Adobe-GB1 CID font through the cMaps', async () => {
    const content = await readPdf(new Uint8Array(readFileSync(fixture)));
    const text = content.pages.flatMap((p) => p.items.map((i) => i.str)).join('');
    expect(text).toContain('收入支出决算总表');
    expect(text).toContain('编制单位：示例县统计局');
  });

  it('would read nothing without the cMaps (why they are wired)', async () => {
    const task = getDocument({ data: new Uint8Array(readFileSync(fixture)), isEvalSupported: false, verbosity: 0 });
    const doc = await task.promise;
    const page = await doc.getPage(4);
    const tc = await page.getTextContent();
    const text = tc.items.map((i) => ('str' in i ? i.str : '')).join('');
    await task.destroy();
    expect(text).not.toContain('收入支出决算总表');
  });

  it('reads ruling lines and landscape pages', async () => {
    const content = await readPdf(new Uint8Array(readFileSync(fixture)));
    const landscape = content.pages.filter((p) => p.width > p.height);
    expect(landscape.length).toBeGreaterThan(0);
    const ruled = content.pages.filter((p) => p.horizontals.length > 10 && p.verticals.length > 10);
    expect(ruled.length).toBeGreaterThan(5);
  });

  it('splits a text run at wide gaps', () => {
    const parts = splitOnWideGaps('合计    10.00', 0, 65);
    expect(parts.map((p) => p.str)).toEqual(['合计', '10.00']);
    expect(parts[1].x0).toBeGreaterThan(parts[0].x1);
  });
});
