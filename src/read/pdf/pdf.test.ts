import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { serializePdf } from '../../../tests/fixtures/pdfWriter.js';
import { CMAP_DIR, PDF_TEXT_ONLY_FONTS, readPdf, splitOnWideGaps, STANDARD_FONT_DIR } from './pdf.js';
// pdf.js as gongkai loads it: without the textOnlyFonts option it is pdf.js as it comes
import { DECODE_BUDGET, getDocument, TEXT_ONLY_FONTS_APPLIED } from './pdfjs.js';
import { MAX_DECODED_STREAM_BYTES } from './pdfjsTextOnly.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// the fixture's font is STSong-Light / UniGB-UCS2-H, not embedded, without ToUnicode
const fixture = path.join(here, '..', '..', '..', 'corpus', 'ruled-final-wanyuan.pdf');

/**
 * A page of Latin text in a standard font (not embedded: pdf.js substitutes its own font file) and
 * in an embedded TrueType font: the two cases where pdf.js has a font program to install.
 */
function latinFontsPdf(): Buffer {
  const ttf = readFileSync(path.join(STANDARD_FONT_DIR, 'LiberationSans-Regular.ttf')).toString('latin1');
  const lines: [string, string, number, number][] = [
    ['F1', 'Total revenue 1,234.56', 72, 700],
    ['F2', 'Basic expenditure 789.01', 72, 660],
    ['F1', 'Project expenditure 445.55', 300, 620],
  ];
  const stream = lines.map(([f, t, x, y]) => `BT /${f} 12 Tf ${x} ${y} Td (${t}) Tj ET`).join('\n');
  const objs = [
    '',
    '',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSans /Encoding /WinAnsiEncoding /FontDescriptor 5 0 R >>',
    '<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontBBox [-203 -303 1050 910] /ItalicAngle 0 ' +
      '/Ascent 905 /Descent -212 /CapHeight 729 /StemV 80 /FontFile2 6 0 R >>',
    `<< /Length ${ttf.length} /Length1 ${ttf.length} >>\nstream\n${ttf}\nendstream`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ' +
      '7 0 R >>',
  ];
  return serializePdf(objs, 1, 2, [8]);
}

/**
 * The fixture with its non-embedded CJK font replaced by an embedded CFF subset (CIDFontType0C):
 * poppler's cairo back end embeds the system font it draws with (Noto Sans CJK, fonts-noto-cjk).
 */
function cffFontPdf(): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-cff-'));
  try {
    execFileSync('pdftocairo', ['-pdf', '-f', '1', '-l', '4', fixture, path.join(dir, 'cff.pdf')], { stdio: 'ignore' });
    return readFileSync(path.join(dir, 'cff.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * pdf.js’s own text extraction of every page, and how many of the fonts it sent carry a font file
 * (kept with fontExtraProperties).
 */
async function pdfjsText(
  bytes: Uint8Array,
  textOnly: boolean,
): Promise<{ text: unknown[]; fontFiles: number; fonts: number }> {
  const task = getDocument({
    data: bytes.slice(),
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DIR,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
    fontExtraProperties: true,
    ...(textOnly ? PDF_TEXT_ONLY_FONTS : {}),
  });
  const doc = await task.promise;
  const text: unknown[] = [];
  let fonts = 0;
  let fontFiles = 0;
  let common: unknown;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text.push(
      content.items.map((i) =>
        'str' in i ? [i.str, i.transform, i.width, i.height, i.fontName.replace(/^g_d\d+_/, '')] : i,
      ),
    );
    await page.getOperatorList();
    // the document's objects shared by its pages (fonts among them)
    common = page.commonObjs;
  }
  for (const [, obj] of common as Iterable<[string, { loadedName?: string; data?: Uint8Array }]>) {
    if (!obj?.loadedName) continue;
    fonts++;
    if (obj.data?.length) fontFiles++;
  }
  await task.destroy();
  return { text, fontFiles, fonts };
}

describe('text-only fonts (pdfjsTextOnly.ts)', () => {
  const cases: [string, () => Uint8Array][] = [
    ['a standard Type 1 font and an embedded TrueType font', () => new Uint8Array(latinFontsPdf())],
    ['an embedded CFF CID font (CIDFontType0C)', () => new Uint8Array(cffFontPdf())],
  ];
  it.each(cases)(
    'give pdf.js’s own text, positions and widths for %s, without building font files',
    async (_kind, make) => {
      expect(TEXT_ONLY_FONTS_APPLIED).toBe(true);
      const bytes = make();
      const full = await pdfjsText(bytes, false);
      const textOnly = await pdfjsText(bytes, true);
      expect(full.fontFiles).toBeGreaterThan(0);
      expect(textOnly.fonts).toBe(full.fonts);
      // the edits are in effect: no font file was built
      expect(textOnly.fontFiles).toBe(0);
      expect(textOnly.text).toEqual(full.text);
      expect(JSON.stringify(full.text)).toMatch(/[\u4e00-\u9fff]|revenue/);
    },
  );
});

describe('readPdf', () => {
  it('places text in standard and embedded fonts exactly where pdf.js’s own text extraction does', async () => {
    const bytes = new Uint8Array(latinFontsPdf());
    const content = (await readPdf(bytes)).value;
    const ours = content.pages[0].items.map((i) => [i.str, Math.round(i.x0 * 10) / 10, Math.round(i.x1 * 10) / 10]);
    // pdf.js as it comes: its own worker port, glyph paths built, the native DecompressionStream
    const task = getDocument({
      data: bytes.slice(),
      standardFontDataUrl: STANDARD_FONT_DIR,
      isEvalSupported: false,
      verbosity: 0,
    });
    const page = await (await task.promise).getPage(1);
    const theirs = (await page.getTextContent()).items.flatMap((i) =>
      'str' in i && i.str.trim()
        ? [[i.str, Math.round(i.transform[4] * 10) / 10, Math.round((i.transform[4] + i.width) * 10) / 10]]
        : [],
    );
    await task.destroy();
    expect(ours).toEqual(theirs);
    expect(ours.map((o) => o[0])).toEqual([
      'Total revenue 1,234.56',
      'Basic expenditure 789.01',
      'Project expenditure 445.55',
    ]);
  });

  it('decodes a non-embedded Adobe-GB1 CID font through the cMaps', async () => {
    const content = (await readPdf(new Uint8Array(readFileSync(fixture)))).value;
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
    const content = (await readPdf(new Uint8Array(readFileSync(fixture)))).value;
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

describe('bounds on hostile content', () => {
  /** One page: `depth` unbalanced or balanced saves around a shift, then a line of text. */
  function nestedSavesPdf(depth: number, balanced: boolean): Buffer {
    const inner = `${'q '.repeat(depth)}1 0 0 1 200 0 cm ${balanced ? 'Q '.repeat(depth) : ''}`;
    const stream = `${inner}BT /F1 12 Tf 72 700 Td (Total 1,234.56) Tj ET`;
    const objs = [
      '',
      '',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> ' +
        '/Contents 4 0 R >>',
    ];
    return serializePdf(objs, 1, 2, [5]);
  }
  const firstX = async (pdf: Buffer) => (await readPdf(new Uint8Array(pdf))).value.pages[0].items[0].x0;

  it('reads a page of 100,000 unbalanced saves (q) at once, text where it is drawn', async () => {
    expect(await firstX(nestedSavesPdf(100_000, false))).toBeCloseTo(272, 0);
  });

  it('restores states saved deeper than the bound in order (text after the last Q is unshifted)', async () => {
    expect(await firstX(nestedSavesPdf(1000, true))).toBeCloseTo(72, 0);
    expect(await firstX(nestedSavesPdf(10, true))).toBeCloseTo(72, 0);
  });

  it('refuses a page whose content inflates past the stream budget (a Flate bomb), as too-large', async () => {
    const content = Buffer.concat([Buffer.alloc(MAX_DECODED_STREAM_BYTES + 2 ** 20, 0x20), Buffer.from('BT ET')]);
    const packed = deflateSync(content, { level: 9 }).toString('latin1');
    const objs = [
      '',
      '',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      `<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n${packed}\nendstream`,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> ' +
        '/Contents 4 0 R >>',
    ];
    await expect(readPdf(new Uint8Array(serializePdf(objs, 1, 2, [5])))).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/decompression bomb/),
    });
  });

  it('stops decoding where the streams of a document together pass its budget, page by page', async () => {
    // three pages, each content stream 4 MB of spaces then a word: under the stream budget
    const page = (word: string) =>
      deflateSync(
        Buffer.concat([Buffer.alloc(4 * 2 ** 20, 0x20), Buffer.from(`BT /F1 12 Tf 72 700 Td (${word}) Tj ET`)]),
      );
    const words = ['alpha', 'beta', 'gamma'];
    const objs = ['', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
    const kids: number[] = [];
    for (const word of words) {
      const packed = page(word).toString('latin1');
      objs.push(`<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n${packed}\nendstream`);
      objs.push(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> ` +
          `/Contents ${objs.length} 0 R >>`,
      );
      kids.push(objs.length);
    }
    const pdf = new Uint8Array(serializePdf(objs, 1, 2, kids));
    const text = (r: Awaited<ReturnType<typeof readPdf>>) =>
      r.value.pages.map((p) => p.items.map((i) => i.str).join(''));
    // a budget for two pages: the third is refused with the reason, the first two are read
    const tight = await readPdf(pdf, 10 * 2 ** 20);
    expect(text(tight)).toEqual(['alpha', 'beta', '']);
    expect(tight.messages.map((m) => m.text)).toEqual([
      expect.stringMatching(/^page 3: the document's streams decode past/),
    ]);
    // the count starts again with each document
    expect(text(await readPdf(pdf))).toEqual(words);
    // a budget smaller than any page: nothing is read, and the document is too large, not corrupt
    await expect(readPdf(pdf, 2 ** 20)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('counts a page\u2019s images without decoding them (an image bomb costs nothing)', async () => {
    // a 5,000 × 5,000 RGB image whose Flate stream inflates past the stream budget (75 MB)
    const packed = deflateSync(Buffer.alloc(5000 * 5000 * 3), { level: 9 }).toString('latin1');
    const objs = [
      '',
      '',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '<< /Length 50 >>\nstream\nq 600 0 0 780 6 6 cm /Im1 Do Q BT /F1 9 Tf 9 9 Td (x) Tj ET\nendstream',
      `<< /Type /XObject /Subtype /Image /Width 5000 /Height 5000 /ColorSpace /DeviceRGB /BitsPerComponent 8 ` +
        `/Filter /FlateDecode /Length ${packed.length} >>\nstream\n${packed}\nendstream`,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> ' +
        '/XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    ];
    const before = DECODE_BUDGET.refused;
    const r = await readPdf(new Uint8Array(serializePdf(objs, 1, 2, [6])));
    // let pdf.js finish whatever it would have started after the page
    await new Promise((done) => setTimeout(done, 200));
    expect(r.value.pages[0].imageCount).toBe(1);
    expect(r.messages).toEqual([]);
    expect(DECODE_BUDGET.refused).toBe(before);
    expect(DECODE_BUDGET.decoded).toBeLessThan(2 ** 20);
  });
});
