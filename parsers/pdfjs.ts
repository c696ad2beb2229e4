/**
 * pdf.js's legacy build, loaded so that it does not slow everything else down: its bundled core-js
 * replaces Array.prototype.push process-wide with a JavaScript polyfill (a guard against an old V8
 * bug that Node 20 does not have), which cost ~15% of a whole run in profiles. Both the API and
 * the worker module (which pdf.js would otherwise import lazily, installing it again) are loaded
 * here, and the native method is put back.
 */
const nativePush = Array.prototype.push;
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
// the "fake worker" that runs pdf.js's parser on this thread looks here first
const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(workerModule);
if (Array.prototype.push !== nativePush) Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });

export const { getDocument, OPS, Util } = pdfjs;
