/**
 * The library's `extract`: the flow runs in a worker thread, not in the caller's. pdf.js's legacy
 * build installs polyfills (Iterator helpers, Set methods, Uint8Array base64, Promise.try …) on
 * the globals of the thread that loads it, and a hostile document may exhaust a heap or end its
 * thread: here both happen to a thread of gongkai's, and the caller gets a result. Threads run
 * one extraction at a time, as many at once as there are cores, and wait idle for the next call.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SHARE_ENV, Worker, type WorkerOptions } from 'node:worker_threads';
import PQueue from 'p-queue';
import { blankResult } from '../model/blankResult.js';
import { oneLine } from '../model/errors.js';
import type { DocumentResult } from '../model/schema.js';
import type { ExtractOptions } from './options.js';
import { EXTRACT_THREAD_IDLE_MS, EXTRACT_THREAD_MEMORY_MB } from './settings.js';
import { ACK_ABORT, ACK_GO, type ThreadJob, type ThreadReply } from './threadProtocol.js';

const idle = new Map<Worker, NodeJS.Timeout>();
const queue = new PQueue({ concurrency: Math.max(1, os.availableParallelism()) });

function startThread(): Worker {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const file = path.join(path.dirname(here), `isolatedThread${ext}`);
  // the process's environment, not a copy: what a native library reads is what the thread sets
  // (onnxruntime's telemetry switch, see ocr/ppocr.ts)
  const limits: WorkerOptions = {
    resourceLimits: { maxOldGenerationSizeMb: EXTRACT_THREAD_MEMORY_MB },
    env: SHARE_ENV,
  };
  const url = JSON.stringify(pathToFileURL(file).href);
  // run from its source (the tests), the thread reads TypeScript through tsx
  const fromSource = `import('tsx/esm/api').then((m) => { m.register(); return import(${url}); })`;
  const thread = ext === '.ts' ? new Worker(fromSource, { eval: true, ...limits }) : new Worker(file, limits);
  // a thread's failure is told to the call it runs (below); an idle one's only ends it
  thread.on('error', () => undefined);
  thread.once('exit', () => forget(thread));
  return thread;
}

function forget(thread: Worker): void {
  clearTimeout(idle.get(thread));
  idle.delete(thread);
}

function park(thread: Worker): void {
  thread.unref();
  const timer = setTimeout(() => {
    idle.delete(thread);
    void thread.terminate();
  }, EXTRACT_THREAD_IDLE_MS);
  timer.unref();
  idle.set(thread, timer);
}

function takeThread(): Worker {
  const [thread] = idle.keys();
  if (!thread) return startThread();
  forget(thread);
  thread.ref();
  return thread;
}

/** The result of a call whose thread ended: out of memory, or a fault of gongkai's. */
function threadFailure(input: string | Uint8Array, options: ExtractOptions, err: unknown, started: number) {
  const file = typeof input === 'string' ? input : '';
  const base = blankResult(file, options.documentName ?? (file ? path.basename(file) : 'document'));
  const outOfMemory = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
  const error = outOfMemory
    ? { code: 'out-of-memory' as const, message: `the document needs more than ${EXTRACT_THREAD_MEMORY_MB} MB` }
    : { code: 'internal' as const, message: oneLine(`the extraction's thread ended: ${(err as Error).message}`) };
  return { ...base, status: 'failed' as const, error, seconds: Math.round(performance.now() - started) / 1000 };
}

function runInThread(input: string | Uint8Array, options: ExtractOptions): Promise<DocumentResult> {
  const started = performance.now();
  const { signal, onProgress, onOcrPages, ...plain } = options;
  const thread = takeThread();
  const ack = new Int32Array(new SharedArrayBuffer(4));
  // the caller's bytes stay theirs: a copy is moved to the thread
  const bytes = typeof input === 'string' ? null : new Uint8Array(input).buffer;
  const job: ThreadJob = {
    type: 'job',
    input: bytes ?? (input as string),
    options: plain,
    progress: !!onProgress,
    ocrPages: !!onOcrPages,
    aborted: !!signal?.aborted,
    ack: ack.buffer as SharedArrayBuffer,
  };
  return new Promise((resolve) => {
    let done = false;
    // a caller's callback that throws fails the extraction, as it did in the caller's thread; thrown
    // from this listener it would be an uncaught exception that ends the caller's process
    let callbackError: unknown;
    const call = (f: () => void) => {
      try {
        f();
      } catch (err) {
        callbackError ??= err;
      }
    };
    const onAbort = () => thread.postMessage({ type: 'abort' });
    const finish = (result: DocumentResult, healthy: boolean) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      thread.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (healthy) park(thread);
      else void thread.terminate();
      const why = callbackError instanceof Error ? callbackError.message : String(callbackError);
      const error = { code: 'internal' as const, message: oneLine(`the extraction stopped: ${why}`) };
      resolve(callbackError === undefined ? result : { ...result, status: 'failed', error });
    };
    const onMessage = (reply: ThreadReply) => {
      if (reply.type === 'result') return finish(reply.result, true);
      if (reply.type === 'ocr-pages') return call(() => onOcrPages?.(reply.pages));
      call(() => onProgress?.(reply.stage));
      Atomics.store(ack, 0, signal?.aborted || callbackError ? ACK_ABORT : ACK_GO);
      Atomics.notify(ack, 0);
    };
    const onError = (err: Error) => finish(threadFailure(input, options, err, started), false);
    const onExit = (code: number) => onError(new Error(`exit code ${code}`));
    signal?.addEventListener('abort', onAbort, { once: true });
    thread.on('message', onMessage).on('error', onError).on('exit', onExit);
    thread.postMessage(job, bytes ? [bytes] : []);
  });
}

/**
 * Read, check and describe one document, given as a path or as its bytes, in a thread of
 * gongkai's; never rejects (a failure, an abort included, is a result with status `failed`).
 */
export function extract(input: string | Uint8Array, options: ExtractOptions = {}): Promise<DocumentResult> {
  return queue.add(() => runInThread(input, options));
}
