/**
 * Which OCR engine reads scanned pages: `tesseract` (`ocr.ts`, the default) or `ppocr` (PP-OCRv4
 * through onnxruntime-node, `ppocr.ts`, loaded only when chosen). Chosen by the `ocrEngine`
 * extract option or, for the harvest's worker processes (which inherit it), the environment
 * variable GONGKAI_OCR_ENGINE. Both return the same OcrPage shape.
 */
import { GongkaiError } from '../model/errors.js';
import { ocrPdfPages, type OcrOptions, type OcrPage } from './ocr.js';

export type OcrEngine = 'tesseract' | 'ppocr';
export const OCR_ENGINES: readonly OcrEngine[] = ['tesseract', 'ppocr'];

/** The engine asked for (option, else GONGKAI_OCR_ENGINE, else tesseract); an unknown name is an error. */
export function chooseOcrEngine(option?: string): OcrEngine {
  const v = (option ?? process.env.GONGKAI_OCR_ENGINE ?? 'tesseract').toLowerCase();
  if (!(OCR_ENGINES as readonly string[]).includes(v)) {
    throw new GongkaiError('internal', `unknown OCR engine "${v}" (${OCR_ENGINES.join(', ')})`);
  }
  return v as OcrEngine;
}

/** OCR the given pages (1-based) of a PDF with `engine`. */
export async function ocrPages(
  engine: OcrEngine,
  pdf: Uint8Array,
  pages: number[],
  opts: OcrOptions = {},
): Promise<Map<number, OcrPage>> {
  if (engine === 'ppocr') return (await import('./ppocr.js')).ppocrPdfPages(pdf, pages, opts);
  return ocrPdfPages(pdf, pages, opts);
}
