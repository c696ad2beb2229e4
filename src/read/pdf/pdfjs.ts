/**
 * pdf.js's legacy build, loaded so that it does not slow everything else down. Its bundled
 * core-js replaces built-ins that Node 20 already has, process-wide, with JavaScript versions:
 * Array.prototype.push (a guard against an old V8 bug; ~15% of a whole run in profiles) and
 * JSON.parse / JSON.stringify (for JSON.rawJSON and parse-with-source, which neither pdf.js nor
 * we use; every value then passes through two layers of callbacks, one per bundle, when a result
 * is written). Both the API and the worker module (which pdf.js would otherwise import lazily,
 * installing them again) are loaded here, and the native methods are put back. Both are loaded
 * with gongkai's edits (pdfjsTextOnly.ts). The library runs this in a thread of its own
 * (pipeline/isolated.ts), so that pdf.js's other polyfills never reach a caller's globals.
 */
import { decodeBudget, importEditedPdfjs } from './pdfjsTextOnly.js';

const natives: [object, string, unknown][] = [
  [Array.prototype, 'push', Array.prototype.push],
  [JSON, 'parse', JSON.parse],
  [JSON, 'stringify', JSON.stringify],
];
const edited = await importEditedPdfjs();
const pdfjs = edited.api as unknown as typeof import('pdfjs-dist/legacy/build/pdf.mjs');
const worker = edited.worker as { WorkerMessageHandler: { initializeFromPort(port: unknown): void } };
for (const [owner, name, native] of natives) {
  if ((owner as Record<string, unknown>)[name] !== native)
    Object.defineProperty(owner, name, { value: native, writable: true, configurable: true, enumerable: false });
}

export const { getDocument, OPS, Util, PDFWorker } = pdfjs;
/** whether this pdf.js takes `textOnlyFonts` (false when it was loaded before us, or is another version) */
export const TEXT_ONLY_FONTS_APPLIED = (pdfjs as { gongkaiTextOnlyFonts?: boolean }).gongkaiTextOnlyFonts === true;
export type PDFWorker = InstanceType<typeof pdfjs.PDFWorker>;
export const { WorkerMessageHandler } = worker;
/** what this thread's pdf.js has decoded and refused (see MAX_DOCUMENT_DECODED_BYTES) */
export const DECODE_BUDGET = decodeBudget(edited.worker);
