/** A PDF's pages → located, reconstructed tables. */
import { locatePdfTables, pageLines, type SkippedTable } from '../locate/locatePdf.js';
import type { PdfContent } from '../model/content.js';
import type { DraftDocument, TableDraft } from '../model/draft.js';
import type { Grid } from '../model/grid.js';
import { info } from '../model/message.js';
import type { Result } from '../model/message.js';
import { looksLikeMoney } from '../normalize/amount.js';
import { assertSomeText, ocrUnreadablePages } from '../ocr/ocrDocument.js';
import { stitchByChecks, type ScoreReading } from '../reconstruct/chooseReading.js';
import { buildGrid } from '../reconstruct/ruledGrid.js';
import type { ExtractOptions, ExtractStage, Progress } from './options.js';
import { documentSignals } from './signals.js';

/** A PDF's pages → located tables, their grids built and stitched (ambiguous stitching scored by `score`). */
export function pdfDrafts(content: PdfContent, score: ScoreReading): DraftDocument {
  const skipped: SkippedTable[] = [];
  const located = locatePdfTables(content.pages, skipped);
  const drafts: TableDraft[] = located.map((t) => {
    const grids = t.regions.map((r) => buildGrid(r)).filter((g): g is Grid => g !== null);
    const base = {
      entry: t.entry,
      title: t.title,
      code: t.code,
      unit: t.unit,
      pages: [...new Set(t.regions.map((r) => r.page.number))],
    };
    const stitched = grids.length ? stitchByChecks(grids, base, score) : null;
    return {
      ...base,
      grid: stitched?.grid ?? null,
      messages: [...t.notes.map((n) => info('table-generic', n)), ...(stitched?.messages ?? [])],
    };
  });
  // a title found again further on, there with figures, was a mention the first time (a 目录
  // whose layout hid it, an OCR'd list): the empty first one is not a table
  const hasAmounts = (d: TableDraft) => Boolean(d.grid?.rows.some((r) => r.some((c) => c && looksLikeMoney(c.text))));
  const kept = drafts.filter(
    (d, i) => hasAmounts(d) || !drafts.slice(i + 1).some((e) => e.entry.id === d.entry.id && hasAmounts(e)),
  );
  drafts.splice(0, drafts.length, ...kept);
  const perPage = content.pages.map((p) => ({ page: p, lines: pageLines(p) }));
  const lines = perPage.flatMap((p) => p.lines.map((l) => l.text));
  const entities = located.map((t) => t.entity ?? '').filter(Boolean);
  const regions = located.flatMap((t) => t.regions);
  const passages = perPage.map(({ page, lines }) => ({
    page: page.number,
    text: lines
      .filter((l) => !regions.some((r) => r.page === page && l.y0 >= r.top - 1 && l.y1 <= r.bottom + 1))
      .map((l) => l.text)
      .join(''),
  }));
  return { drafts, lines, entities, passages, messages: documentSignals(perPage, drafts, skipped) };
}

/** A PDF's pages without usable text read by OCR, then its tables located and reconstructed. */
export async function ocrAndLocatePdf(
  bytes: Uint8Array,
  content: PdfContent,
  options: ExtractOptions,
  p: Progress,
  take: <T>(r: Result<T>) => T,
  stage: (name: ExtractStage) => void,
  score: ScoreReading,
): Promise<DraftDocument> {
  p.fields.pages = content.pages.length;
  stage('ocr');
  const ocrOptions = {
    dpi: options.ocrDpi,
    enabled: options.ocr !== false,
    engine: options.ocrEngine,
    onPages: options.onOcrPages,
  };
  const ocr = take(await ocrUnreadablePages(bytes, content, ocrOptions));
  p.fields.ocr_pages = ocr.ocrPages;
  assertSomeText(ocr.content);
  const ocrCount = ocr.ocrPages.length;
  p.fields.text_source = ocrCount === 0 ? 'pdf' : ocrCount === content.pages.length ? 'ocr' : 'pdf+ocr';
  stage('locate');
  return pdfDrafts(ocr.content, score);
}
