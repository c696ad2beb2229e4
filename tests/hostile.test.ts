/**
 * Hostile documents through the whole pipeline: each ends with a coded failure, fast, instead of
 * the gigabytes or minutes it asks for.
 */
import { describe, expect, it } from 'vitest';
import { PDF_CASES, pdfFromObjects, rng } from '../scripts/fuzz/mutate.js';
import { extract } from '../src/pipeline/extract.js';
import { zipOf } from './fixtures/zipBomb.js';

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const PAGE =
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>';
const TEXT = 'BT /F1 12 Tf 72 720 Td (1234.56) Tj ET';
const CONTENT = `<< /Length ${TEXT.length} >>\nstream\n${TEXT}\nendstream`;

/** A one-page PDF (catalog 1, pages 2, page 3, font 4, content 5) whose page-tree root is `pages`. */
function withPageTree(pages: string, extra: string[] = []): Uint8Array {
  return new Uint8Array(pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R >>', pages, PAGE, FONT, CONTENT, ...extra]));
}

async function failure(data: Uint8Array, name = 'hostile.pdf') {
  const result = await extract(data, { documentName: name });
  expect(result.status).toBe('failed');
  return result.error!;
}

describe('hostile documents', () => {
  it('a DOCX whose part inflates past the size its header claims fails corrupt before mammoth reads it', async () => {
    const lying = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(64 * 2 ** 20, 0x20), claimedSize: 40_000 },
    ]);
    const result = await extract(new Uint8Array(lying), { documentName: 'lying.docx' });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('corrupt');
    expect(result.error?.message).toMatch(/too many bytes/);
  });

  it('the untouched page tree reads: the cases below differ from it in the tree alone', async () => {
    const result = await extract(withPageTree('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'), { documentName: 'ok.pdf' });
    expect(result.error?.code).not.toBe('corrupt');
    expect(result.error?.code).not.toBe('no-text-layer');
  });

  it('a page-tree kid that is a font, not a page, fails corrupt and says what the kid is', async () => {
    const error = await failure(withPageTree('<< /Type /Pages /Kids [4 0 R] /Count 1 >>'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/kid is a \/Font, not a page/);
  });

  it('a wrong kid behind a /Count that lies (pdf.js then lists the whole tree) fails corrupt', async () => {
    const error = await failure(withPageTree('<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 7 >>'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/kid is a \/Font/);
  });

  it.each(['0', '-1'])('a page tree whose /Count is %s fails corrupt', async (count) => {
    const error = await failure(withPageTree(`<< /Type /Pages /Kids [3 0 R] /Count ${count} >>`));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/holds no pages/);
  });

  it('a page tree broken off before a damaged kid leaves no rejection unhandled (Node ends the caller)', async () => {
    let unhandled = 0;
    const count = () => unhandled++;
    process.on('unhandledRejection', count);
    try {
      // kids: a page, a number (the walk to the last page stops there), a page whose object header is damaged
      const pdf = Buffer.from(withPageTree('<< /Type /Pages /Kids [3 0 R 7 0 R 6 0 R] /Count 3 >>', [PAGE, '42']))
        .toString('latin1')
        .replace('\n6 0 obj', '\n6 \x10 obj');
      const error = await failure(new Uint8Array(Buffer.from(pdf, 'latin1')));
      expect(error.code).toBe('corrupt');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toBe(0);
    } finally {
      process.off('unhandledRejection', count);
    }
  });

  // the fuzz kit's hand-built cases, as the fuzz run makes them (both sizes of each where it picks one)
  it.each([
    ['page-tree-dag', 'too-large'],
    ['page-tree-loop', 'corrupt'],
    ['kids-not-array', 'corrupt'],
    ['kid-wrong-type', 'corrupt'],
    ['deep-array', 'corrupt'],
    ['deep-dict', 'corrupt'],
  ])('the fuzz case %s fails %s, coded', async (name, code) => {
    for (const seed of [1, 2, 3]) {
      const error = await failure(new Uint8Array(PDF_CASES[name](rng(seed))), `${name}.pdf`);
      expect(error.code).toBe(code);
      expect(error.message).not.toMatch(/[\r\n]/);
    }
  });
});
