/** Options that several commands take. */
import { Option } from 'commander';

/**
 * `--ocr-engine`: the workers read it from their environment (GONGKAI_OCR_ENGINE), which they
 * inherit when the pool starts them.
 */
export function ocrEngineOption(): Option {
  return new Option(
    '--ocr-engine <name>',
    'OCR engine for scanned pages (default: GONGKAI_OCR_ENGINE, else ppocr); documents already read are ' +
      'kept unless --force',
  ).choices(['ppocr', 'tesseract']);
}
