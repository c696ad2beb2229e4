/**
 * The library entry point: one file in, one typed, validated document result out. The flow:
 * read → ocr → locate + reconstruct → tables → checks → status. Each stage returns its value and
 * its messages; the messages become the result's `warnings` and `notes`, and any warning (or a
 * failing check) makes the status `warnings`.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { runChecks } from '../check/runChecks.js';
import { failingChecks } from '../check/scoreReading.js';
import { locateFlowTables } from '../locate/locateFlow.js';
import { isMarkText } from '../locate/markers.js';
import { blankResult } from '../model/blankResult.js';
import type { DraftDocument } from '../model/draft.js';
import { asGongkaiError, GongkaiError, oneLine } from '../model/errors.js';
import { hasWarnings, type Message, type Result } from '../model/message.js';
import { DocumentResult } from '../model/schema.js';
import { documentMeta } from '../normalize/metadata.js';
import { narrativeFigures } from '../normalize/narrative.js';
import { ocrDoubts } from '../ocr/doubts.js';
import { matchOcrLabels } from '../ocr/matchOcrLabels.js';
import { assertSomeText, ocrUnreadablePages } from '../ocr/ocrDocument.js';
import { identify } from '../read/readDocument.js';
import { numberTables } from '../reconstruct/buildTable.js';
import { renderMessages } from './messages.js';
import { pdfDrafts } from './pdfTables.js';

export interface ExtractOptions {
  /** the name written in the `document` column (default: the file's base name) */
  documentName?: string;
  /** files larger than this are refused with `too-large` (default 200 MB) */
  maxBytes?: number;
  /** resolution for OCR of scanned pages (default 200 dpi) */
  ocrDpi?: number;
  /** read pages without a usable text layer by OCR (default true); off, such pages are a warning */
  ocr?: boolean;
  /** stops the extraction between stages: the result is `failed` with `aborted` */
  signal?: AbortSignal;
  /** told as each stage starts */
  onProgress?: (stage: ExtractStage) => void;
  /** OCR engine for scanned pages: 'tesseract' (default) or 'ppocr' (default: GONGKAI_OCR_ENGINE) */
  ocrEngine?: string;
}

/** The stages `onProgress` reports, in order. */
export type ExtractStage = 'read' | 'ocr' | 'locate' | 'tables' | 'checks';

/** What is known of a document so far, kept in its result when a later stage fails. */
interface Progress {
  fields: Partial<DocumentResult>;
  messages: Message[];
}

/**
 * Read, check and describe one document, given as a path or as its bytes; never throws (a failure,
 * an abort included, is a result with status `failed`).
 */
export async function extract(input: string | Uint8Array, options: ExtractOptions = {}): Promise<DocumentResult> {
  const started = performance.now();
  const file = typeof input === 'string' ? input : '';
  const base = blankResult(file, options.documentName ?? (file ? path.basename(file) : 'document'));
  const progress: Progress = { fields: {}, messages: [] };
  const seconds = () => Math.round(performance.now() - started) / 1000;
  try {
    const bytes =
      typeof input === 'string' ? await readInput(input, options, progress) : checkBytes(input, options, progress);
    const result = await extractBytes(bytes, base.document, options, progress);
    return DocumentResult.parse({
      ...base,
      ...progress.fields,
      ...result,
      ...renderMessages(progress.messages),
      seconds: seconds(),
    });
  } catch (err) {
    const e = asGongkaiError(err);
    const error = { code: e.code, message: oneLine(e.message) };
    return {
      ...base,
      ...progress.fields,
      ...renderMessages(progress.messages),
      status: 'failed',
      error,
      seconds: seconds(),
    };
  }
}

/** Bytes handed over by a caller, refused when empty or too large, as a file's would be. */
function checkBytes(input: Uint8Array, options: ExtractOptions, progress: Progress): Uint8Array {
  // a plain Uint8Array (pdf.js refuses Buffers), and our own copy: the caller's bytes stay theirs
  const bytes = new Uint8Array(input);
  progress.fields.bytes = bytes.length;
  if (bytes.length === 0) throw new GongkaiError('empty-file', 'the document is empty (0 bytes)');
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
  if (bytes.length > maxBytes)
    throw new GongkaiError('too-large', `the document is ${(bytes.length / 1048576).toFixed(0)} MB, over the limit`);
  progress.fields.sha256 = createHash('sha256').update(bytes).digest('hex');
  return bytes;
}

/** The file's bytes, refused when missing, empty or too large. */
async function readInput(file: string, options: ExtractOptions, progress: Progress): Promise<Uint8Array> {
  const info = await stat(file).catch(() => {
    throw new GongkaiError('not-found', `no such file: ${file}`);
  });
  progress.fields.bytes = info.size;
  if (info.size === 0) throw new GongkaiError('empty-file', 'the file is empty (0 bytes)');
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
  const mb = (n: number) => (n / 1048576).toFixed(0);
  if (info.size > maxBytes)
    throw new GongkaiError('too-large', `the file is ${mb(info.size)} MB, over the ${mb(maxBytes)} MB limit`);
  const bytes = new Uint8Array(await readFile(file));
  progress.fields.sha256 = createHash('sha256').update(bytes).digest('hex');
  return bytes;
}

async function extractBytes(
  bytes: Uint8Array,
  name: string,
  options: ExtractOptions,
  p: Progress,
): Promise<Partial<DocumentResult>> {
  const take = <T>(r: Result<T>): T => {
    p.messages.push(...r.messages);
    return r.value;
  };
  const stage = (name: ExtractStage) => {
    if (options.signal?.aborted) throw new GongkaiError('aborted', 'the caller stopped the extraction');
    options.onProgress?.(name);
  };
  stage('read');
  const found = take(identify(bytes, name));
  p.fields.format = found.format;
  const data = found.reader.prepare ? take(await found.reader.prepare(bytes, found.detected)) : bytes;
  const content = take(await found.reader.read(data, { isMark: isMarkText }));
  let located: DraftDocument;
  if (content.format === 'pdf') {
    p.fields.pages = content.pages.length;
    stage('ocr');
    const ocrOptions = { dpi: options.ocrDpi, enabled: options.ocr !== false, engine: options.ocrEngine };
    const ocr = take(await ocrUnreadablePages(bytes, content, ocrOptions));
    p.fields.ocr_pages = ocr.ocrPages;
    assertSomeText(ocr.content);
    const ocrCount = ocr.ocrPages.length;
    p.fields.text_source = ocrCount === 0 ? 'pdf' : ocrCount === content.pages.length ? 'ocr' : 'pdf+ocr';
    stage('locate');
    located = pdfDrafts(ocr.content, failingChecks);
  } else {
    p.fields.text_source = content.format;
    stage('locate');
    located = locateFlowTables(content);
  }
  const { drafts, lines, entities, passages } = located;
  p.messages.push(...(located.messages ?? []));
  if (!drafts.length)
    throw new GongkaiError('no-tables', 'no standard disclosure table (公开0x表 or a catalog title) was found');
  stage('tables');
  const units = drafts.flatMap((d) => (d.unit ? [d.unit] : []));
  const tableKinds = drafts.map((d) => d.entry.kind);
  const meta = documentMeta({ lines, tableKinds, tableEntities: entities, tableUnits: units, fileName: name });
  const tables = take(numberTables(drafts, meta.unit || '万元')).map((t) => take(matchOcrLabels(t)));
  const narrative = narrativeFigures(passages);
  p.messages.push(...ocrDoubts(tables));
  stage('checks');
  const checks = runChecks({ tables, narrative });
  const failed = checks.some((c) => c.status === 'fail');
  return { ...meta, tables, narrative, checks, status: failed || hasWarnings(p.messages) ? 'warnings' : 'ok' };
}
