/**
 * CPU work in worker threads: a piscina pool sized to the cores, each worker with a heap ceiling.
 * A document that runs past its timeout or its memory ceiling takes its worker down with it; the
 * pool starts a fresh one, and the document gets a coded error instead of stalling the batch.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { GongkaiError } from '../errors.js';
import type { DocumentResult } from '../schema.js';
import { summarize, type DocumentSummary } from './summary.js';
import type { WorkerTask } from './worker.js';

export interface PoolOptions {
  /** worker threads (default: every core) */
  jobs?: number;
  /** per-document wall-clock limit in seconds (default 120) */
  timeoutSeconds?: number;
  /** per-worker heap ceiling in MB (default 1024) */
  memoryMb?: number;
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export class DocumentPool {
  private pool: Piscina;
  readonly jobs: number;
  private timeoutMs: number;
  private memoryMb: number;

  constructor(opts: PoolOptions = {}) {
    this.jobs = Math.max(1, opts.jobs ?? defaultJobs());
    this.timeoutMs = (opts.timeoutSeconds ?? 120) * 1000;
    this.memoryMb = opts.memoryMb ?? 1024;
    const here = path.dirname(fileURLToPath(import.meta.url));
    this.pool = new Piscina({
      filename: path.join(here, 'worker.js'),
      minThreads: this.jobs,
      maxThreads: this.jobs,
      // one document per worker at a time: pdf.js work is synchronous CPU
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      // the young generation is set too: with only an old-generation limit, V8 sizes it small and
      // collects more often (measured: within the noise of this machine at 32 MB)
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 32 },
    });
  }

  /**
   * Extract one document in a worker, which writes its result; never rejects. When the worker is
   * stopped (timeout, heap) or fails, the failed result is returned instead, for the caller to keep.
   */
  async run(task: WorkerTask, fallback: DocumentResult): Promise<{ summary: DocumentSummary; failed?: DocumentResult }> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      return { summary: (await this.pool.run(task, { signal })) as DocumentSummary };
    } catch (err) {
      const e = err as Error & { code?: string };
      let error: GongkaiError;
      if (signal.aborted) error = new GongkaiError('timeout', `not done after ${this.timeoutMs / 1000} s; the worker was stopped and replaced`);
      else if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(e.message)) error = new GongkaiError('out-of-memory', `the worker ran out of its ${this.memoryMb} MB heap; it was replaced`);
      else error = new GongkaiError('internal', `the worker failed: ${e.message.split('\n')[0]}`);
      const failed: DocumentResult = { ...fallback, status: 'failed', error: { code: error.code, message: error.message } };
      return { summary: summarize(failed), failed };
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
