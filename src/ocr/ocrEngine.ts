/**
 * Which OCR engine reads scanned pages: `ppocr` (PP-OCRv4 through onnxruntime-node, `ppocr.ts`, the
 * default: it reads scans' tables better than tesseract at a third of the CPU) or `tesseract`
 * (`ocr.ts`, the fallback, loaded only when chosen). Chosen by the `ocrEngine`
 * extract option or, for the harvest's worker processes (which inherit it), the environment
 * variable GONGKAI_OCR_ENGINE. Both return the same OcrPage shape.
 */
import { GongkaiError } from '../model/errors.js';
import { ocrPdfPages, type OcrOptions, type OcrPage } from './ocr.js';
import { DEFAULT_OCR_ENGINE, type OcrEngine } from './settings.js';

export type { OcrEngine };

export const OCR_ENGINES: readonly OcrEngine[] = ['ppocr', 'tesseract'];

/** The engine asked for (option, else GONGKAI_OCR_ENGINE, else ppocr); an unknown name is an error. */
export function chooseOcrEngine(option?: string): OcrEngine {
  const v = (option ?? process.env.GONGKAI_OCR_ENGINE ?? DEFAULT_OCR_ENGINE).toLowerCase();
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
