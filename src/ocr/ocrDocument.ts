/**
 * The OCR stage: the pages of a PDF without a usable text layer (`quality.ts` says which and why)
 * are rendered and read by OCR; their words replace the page's text. A document with no text left
 * at all fails with `no-text-layer` (`assertSomeText`).
 */
import type { PdfContent, PdfPage } from '../model/content.js';
import { asGongkaiError, GongkaiError } from '../model/errors.js';
import { warning, type Message, type Result } from '../model/message.js';
import type { DocumentResult } from '../model/schema.js';
import { chooseOcrEngine, ocrPages as readPages } from './ocrEngine.js';
import { ocrReason } from './quality.js';

export interface OcrRead {
  /** the document's pages, those read by OCR replaced */
  content: PdfContent;
  /** which pages OCR read, why, the skew found and the mean confidence */
  ocrPages: DocumentResult['ocr_pages'];
}

/** OCR the pages that need it (at `dpi`, default 200) with `engine` (default: GONGKAI_OCR_ENGINE, else ppocr). */
export async function ocrUnreadablePages(
  bytes: Uint8Array,
  content: PdfContent,
  opts: { dpi?: number; enabled?: boolean; engine?: string; onPages?: (pages: number) => void } = {},
): Promise<Result<OcrRead>> {
  const dpi = opts.dpi;
  const messages: Message[] = [];
  const ocrPages: DocumentResult['ocr_pages'] = [];
  const pages = [...content.pages];
  const wanted = pages
    .map((p) => ({ page: p, reason: ocrReason(p) }))
    .filter((x): x is { page: PdfPage; reason: string } => x.reason !== null);
  if (wanted.length && opts.enabled === false) {
    messages.push(warning('ocr-off', `${wanted.length} page(s) need OCR, which the caller turned off`));
  } else if (wanted.length) {
    // an unknown engine name is the caller's mistake, not a missing OCR: it fails the document
    const chosen = chooseOcrEngine(opts.engine);
    opts.onPages?.(wanted.length);
    try {
      const read = await readPages(
        chosen,
        bytes,
        wanted.map((w) => w.page.number),
        { dpi },
      );
      for (const w of wanted) {
        const r = read.get(w.page.number)!;
        pages[w.page.number - 1] = r.page;
        const mean = Math.round(r.meanConfidence * 10) / 10;
        ocrPages.push({ page: w.page.number, reason: w.reason, skew: r.skew, mean_confidence: mean });
      }
    } catch (err) {
      // without OCR the document may still have readable pages; say what is missing
      if (wanted.length === pages.length) throw err;
      const why = asGongkaiError(err).message;
      messages.push(warning('ocr-unavailable', `${wanted.length} page(s) need OCR and were not read: ${why}`));
    }
  }
  return { value: { content: { ...content, pages }, ocrPages }, messages };
}

/** A PDF with no text left after OCR fails: there is nothing to read. */
export function assertSomeText(content: PdfContent): void {
  const pages = content.pages;
  const chars = pages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.str.length, 0), 0);
  if (chars === 0) {
    const images = pages.reduce((n, p) => n + p.imageCount, 0);
    const why = images
      ? `no text layer and OCR found no text on ${pages.length} page(s)`
      : 'the PDF has no text and no images';
    throw new GongkaiError('no-text-layer', why);
  }
}
