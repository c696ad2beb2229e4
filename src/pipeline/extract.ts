/**
 * The library entry point: one file in, one typed, validated document result out. The flow:
 * read → ocr → locate + reconstruct → tables → checks → status. Each stage returns its value and
 * its messages; the messages become the result's `warnings` and `notes`, and any warning (or a
 * failing check) makes the status `warnings`.
 */
import { runChecks } from '../check/runChecks.js';
import { failingChecks } from '../check/scoreReading.js';
import { locateFlowTables } from '../locate/locateFlow.js';
import { isMarkText } from '../locate/markers.js';
import type { DraftDocument } from '../model/draft.js';
import { GongkaiError } from '../model/errors.js';
import { hasWarnings, type Result } from '../model/message.js';
import { DocumentResult } from '../model/schema.js';
import { documentMeta } from '../normalize/metadata.js';
import { narrativeFigures } from '../normalize/narrative.js';
import { flagStrayDecimals, ocrDoubts, restoreLostPoints } from '../ocr/doubts.js';
import { matchOcrLabels } from '../ocr/matchOcrLabels.js';
import { identify } from '../read/readDocument.js';
import { numberTables } from '../reconstruct/buildTable.js';
import type { ExtractOptions, ExtractStage, Progress } from './options.js';
import { ocrAndLocatePdf } from './pdfTables.js';
import { documentResult } from './result.js';

export type { ExtractOptions, ExtractStage } from './options.js';

/**
 * Read, check and describe one document, given as a path or as its bytes; never throws (a failure,
 * an abort included, is a result with status `failed`).
 */
export function extract(input: string | Uint8Array, options: ExtractOptions = {}): Promise<DocumentResult> {
  return documentResult(input, options, extractBytes);
}

/** The flow: read → ocr → locate + reconstruct → tables → checks → status. */
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
  if (content.format === 'pdf') located = await ocrAndLocatePdf(bytes, content, options, p, take, stage, failingChecks);
  else {
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
  const read = take(numberTables(drafts, meta.unit || '万元')).map((t) => take(matchOcrLabels(t)));
  const { tables: pointed, messages: restored } = restoreLostPoints(read);
  const { tables, messages: stray } = flagStrayDecimals(pointed);
  const narrative = narrativeFigures(passages);
  p.messages.push(...restored, ...stray, ...ocrDoubts(tables));
  stage('checks');
  const checks = runChecks({ tables, narrative, kind: meta.kind, entity: meta.entity });
  const failed = checks.some((c) => c.status === 'fail');
  return { ...meta, tables, narrative, checks, status: failed || hasWarnings(p.messages) ? 'warnings' : 'ok' };
}
