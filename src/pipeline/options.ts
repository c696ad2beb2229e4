/** What a caller of `extract` may ask for, and the stages it is told about. */
import type { Message } from '../model/message.js';
import type { DocumentResult } from '../model/schema.js';

export interface ExtractOptions {
  /** the name written in the `document` column (default: the file's base name) */
  documentName?: string;
  /** files larger than this are refused with `too-large` (default MAX_DOCUMENT_BYTES, 200 MB) */
  maxBytes?: number;
  /** resolution for OCR of scanned pages (default 200 dpi) */
  ocrDpi?: number;
  /** read pages without a usable text layer by OCR (default true); off, such pages are a warning */
  ocr?: boolean;
  /** stops the extraction between stages: the result is `failed` with `aborted` */
  signal?: AbortSignal;
  /** told as each stage starts */
  onProgress?: (stage: ExtractStage) => void;
  /** told how many pages OCR is about to read (the harvest's worker lengthens its time limit) */
  onOcrPages?: (pages: number) => void;
  /** OCR engine for scanned pages: 'ppocr' or 'tesseract' (default: GONGKAI_OCR_ENGINE, else 'ppocr') */
  ocrEngine?: string;
}

/** The stages `onProgress` reports, in order. */
export type ExtractStage = 'read' | 'ocr' | 'locate' | 'tables' | 'checks';

/** What is known of a document so far, kept in its result when a later stage fails. */
export interface Progress {
  fields: Partial<DocumentResult>;
  messages: Message[];
}
