/** The empty result a document starts from: kept light (no parser imports) for the harvest's main thread. */
import path from 'node:path';
import { buildFingerprint } from './build.js';
import type { DocumentResult } from './schema.js';
import { TOOL_VERSION } from './version.js';

/** The result a document starts from (and keeps if it fails before anything is read). */
export function blankResult(file: string, documentName: string): DocumentResult {
  return {
    tool_version: TOOL_VERSION,
    build: buildFingerprint(),
    document: documentName,
    file: path.resolve(file),
    format: 'unknown',
    sha256: '',
    bytes: 0,
    kind: '',
    year: null,
    entity: '',
    unit: '',
    status: 'failed',
    error: null,
    pages: null,
    text_source: '',
    ocr_pages: [],
    seconds: 0,
    tables: [],
    narrative: [],
    checks: [],
    warnings: [],
    notes: [],
  };
}
