/** The library entry point: one file in, one typed, validated document result out. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectFormat } from '../read/detect.js';
import { readPdf } from '../read/pdf/pdf.js';
import { assertSafeZip, zipEntries } from '../read/office/zip.js';
import { flowDrafts } from '../locate/locateFlow.js';
import { asGongkaiError, GongkaiError } from '../model/errors.js';
import { documentMeta } from '../normalize/metadata.js';
import { DocumentResult } from '../model/schema.js';
import { blankResult } from '../model/blankResult.js';
export { blankResult };
import { matchOcrLabels } from '../ocr/matchOcrLabels.js';
import type { TableDraft } from '../model/draft.js';
import { numberTables } from '../reconstruct/buildTable.js';
import { pdfDrafts } from './pdfTables.js';
import { ocrReason } from '../ocr/quality.js';
import { ocrPdfPages } from '../ocr/ocr.js';
import type { PdfPage } from '../model/content.js';
import { runChecks } from '../check/runChecks.js';
import { isMarkText } from '../locate/markers.js';
import { narrativeFigures } from '../normalize/narrative.js';

export interface ExtractOptions {
  /** the name written in the `document` column (default: the file's base name) */
  documentName?: string;
  /** files larger than this are refused with `too-large` (default 200 MB) */
  maxBytes?: number;
  /** resolution for OCR of scanned pages (default 200 dpi) */
  ocrDpi?: number;
}

export async function extract(file: string, options: ExtractOptions = {}): Promise<DocumentResult> {
  const started = performance.now();
  const base = blankResult(file, options.documentName ?? path.basename(file));
  try {
    const info = await stat(file).catch(() => {
      throw new GongkaiError('not-found', `no such file: ${file}`);
    });
    base.bytes = info.size;
    if (info.size === 0) throw new GongkaiError('empty-file', 'the file is empty (0 bytes)');
    const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
    if (info.size > maxBytes) throw new GongkaiError('too-large', `the file is ${(info.size / 1048576).toFixed(0)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit`);
    const bytes = new Uint8Array(await readFile(file));
    base.sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = await extractBytes(bytes, base, options);
    result.seconds = round3((performance.now() - started) / 1000);
    return DocumentResult.parse(result);
  } catch (err) {
    const e = asGongkaiError(err);
    return { ...base, status: 'failed', error: { code: e.code, message: e.message }, seconds: round3((performance.now() - started) / 1000) };
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** OCR word confidence (0–100) below which a cell is flagged as doubtful */
export const LOW_CONFIDENCE = 60;

const EXTENSIONS: Record<string, string[]> = { pdf: ['pdf'], docx: ['docx'], doc: ['doc', 'wps'], xlsx: ['xlsx'], xls: ['xls', 'et'] };

async function extractBytes(bytes: Uint8Array, doc: DocumentResult, options: ExtractOptions): Promise<DocumentResult> {
  const entries = zipEntries(bytes);
  const format = detectFormat(bytes, entries?.map((e) => e.name));
  const ext = path.extname(doc.document).slice(1).toLowerCase();
  if (EXTENSIONS[format] && ext && !EXTENSIONS[format].includes(ext)) doc.notes.push(`named .${ext} but its content is ${format.toUpperCase()}; read as ${format.toUpperCase()}`);
  let drafts: TableDraft[];
  let lines: string[];
  let entities: string[];
  let passages: { page: number | null; text: string }[];
  if (format === 'pdf') {
    doc.format = 'pdf';
    const content = await readPdf(bytes);
    doc.pages = content.pages.length;
    doc.warnings.push(...content.warnings);
    // pages without a usable text layer go through OCR
    const wanted = content.pages.map((p) => ({ page: p, reason: ocrReason(p) })).filter((x): x is { page: PdfPage; reason: string } => x.reason !== null);
    if (wanted.length) {
      try {
        const read = await ocrPdfPages(bytes, wanted.map((w) => w.page.number), { dpi: options.ocrDpi });
        for (const w of wanted) {
          const r = read.get(w.page.number)!;
          content.pages[w.page.number - 1] = r.page;
          doc.ocr_pages.push({ page: w.page.number, reason: w.reason, skew: r.skew, mean_confidence: Math.round(r.meanConfidence * 10) / 10 });
        }
      } catch (err) {
        // without OCR the document may still have readable pages; say what is missing
        if (wanted.length === content.pages.length) throw err;
        doc.warnings.push(`${wanted.length} page(s) need OCR and were not read: ${asGongkaiError(err).message}`);
      }
    }
    const chars = content.pages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.str.length, 0), 0);
    if (chars === 0) {
      const images = content.pages.reduce((n, p) => n + p.imageCount, 0);
      throw new GongkaiError('no-text-layer', images ? `no text layer and OCR found no text on ${content.pages.length} page(s)` : 'the PDF has no text and no images');
    }
    doc.text_source = doc.ocr_pages.length === 0 ? 'pdf' : doc.ocr_pages.length === content.pages.length ? 'ocr' : 'pdf+ocr';
    ({ drafts, lines, entities, passages } = pdfDrafts(content));
  } else if (format === 'docx' || format === 'doc' || format === 'xlsx' || format === 'xls') {
    doc.format = format === 'doc' && ext === 'wps' ? 'wps' : format;
    let data = bytes;
    if (format === 'doc' || format === 'xls') {
      // the Office readers are loaded when an Office file comes: a worker that only ever reads
      // PDFs starts ~0.3 s sooner without mammoth, cheerio and exceljs
      const { convertWithLibreOffice } = await import('../read/office/convert.js');
      data = await convertWithLibreOffice(bytes, format, format === 'doc' ? 'docx' : 'xlsx');
      doc.notes.push(`converted from ${format.toUpperCase()} to ${format === 'doc' ? 'DOCX' : 'XLSX'} by LibreOffice`);
    }
    assertSafeZip(zipEntries(data) ?? []);
    const content = format === 'docx' || format === 'doc' ? await (await import('../read/office/docx.js')).readDocx(data) : await (await import('../read/office/xlsx.js')).readXlsx(data, isMarkText);
    doc.notes.push(...content.warnings);
    doc.text_source = content.format;
    ({ drafts, lines, entities, passages } = flowDrafts(content));
  } else if (format === 'ole-encrypted') {
    throw new GongkaiError('encrypted', 'the Office file is password-protected');
  } else if (format === 'ole') {
    throw new GongkaiError('unsupported-format', 'an OLE compound file that is neither a Word nor an Excel document');
  } else if (format === 'zip') {
    throw new GongkaiError('unsupported-format', 'a zip archive that is not a DOCX or XLSX document');
  } else {
    throw new GongkaiError('unsupported-format', 'not a PDF, Word or Excel document (unrecognized content)');
  }
  if (!drafts.length) throw new GongkaiError('no-tables', 'no standard disclosure table (公开0x表 or a catalog title) was found');
  const units = drafts.map((d) => d.unit).filter((u): u is '万元' | '元' => Boolean(u));
  const meta = documentMeta({ lines, tableKinds: drafts.map((d) => d.entry.kind), tableEntities: entities, tableUnits: units, fileName: doc.document });
  doc.tables = numberTables(drafts, meta.unit || '万元');
  doc.tables.forEach(matchOcrLabels);
  Object.assign(doc, meta);
  doc.narrative = narrativeFigures(passages);
  // OCR: cells read with low confidence are doubtful values
  const low = doc.tables.flatMap((t) => t.cells.filter((c) => c.confidence !== undefined && c.confidence < LOW_CONFIDENCE));
  if (low.length) doc.warnings.push(`${low.length} cell(s) read by OCR with confidence below ${LOW_CONFIDENCE}: ${low.slice(0, 5).map((c) => `table ${c.table} ${c.row_code || c.row_name} / ${c.column} = ${c.value} (page ${c.page}, ${c.confidence})`).join('; ')}${low.length > 5 ? '; …' : ''}`);
  // OCR: a figure without the decimals the rest of its column prints has probably lost its point
  const pointless = doc.tables.flatMap((t) => {
    const cols = new Map<string, typeof t.cells>();
    for (const c of t.cells) {
      if (c.confidence === undefined) continue;
      const k = `${c.panel}|${c.column}`;
      if (!cols.has(k)) cols.set(k, []);
      cols.get(k)!.push(c);
    }
    return [...cols.values()].flatMap((cells) => {
      const dec = (v: string) => (v.split('.')[1] ?? '').length;
      const counts = new Map<number, number>();
      for (const c of cells) counts.set(dec(c.value), (counts.get(dec(c.value)) ?? 0) + 1);
      const [mode, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
      return mode > 0 && n >= 3 ? cells.filter((c) => dec(c.value) !== mode) : [];
    });
  });
  if (pointless.length) doc.warnings.push(`${pointless.length} OCR figure(s) lack the decimals their column prints (a lost decimal point?): ${pointless.slice(0, 5).map((c) => `table ${c.table} ${c.row_code || c.row_name} / ${c.column} = ${c.value} (page ${c.page})`).join('; ')}${pointless.length > 5 ? '; …' : ''}`);
  // a reading the tool is unsure of is a warning on the document, not only a note on its table
  for (const t of doc.tables) for (const n of t.notes) if (/doubtful/.test(n)) doc.warnings.push(`table ${t.number}: ${n}`);
  doc.checks = runChecks(doc);
  const failed = doc.checks.filter((c) => c.status === 'fail').length;
  doc.status = failed || doc.warnings.length ? 'warnings' : 'ok';
  return doc;
}
