/** The OCR programs: poppler's pdftoppm renders, tesseract reads. */
import { GongkaiError } from '../model/errors.js';
import { runProcess } from '../util/process.js';
import { OCR_PROGRAM_MEMORY_MB } from './settings.js';

const OCR_INSTALL_HINT =
  'install tesseract and poppler (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng ' +
  'poppler-utils)';

/** Run an OCR program (one thread: tesseract runs beside each harvest worker). */
export function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return runProcess(cmd, args, {
    timeoutMs,
    maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    limits: { memoryMb: OCR_PROGRAM_MEMORY_MB, cpuSeconds: timeoutMs / 1000 },
    missing: () => new GongkaiError('converter-missing', `scanned pages need OCR: ${OCR_INSTALL_HINT}`),
    timedOut: () => new GongkaiError('timeout', `${cmd} did not finish within ${timeoutMs / 1000} s`),
    failed: (detail) => new GongkaiError('corrupt', `${cmd} failed: ${detail}`),
  });
}
