/**
 * CPU work in worker processes: a workerpool pool sized to the cores, each worker a Node process
 * with its own heap ceiling. A document that runs past its timeout or its memory ceiling takes its
 * worker down with it; the pool starts a fresh one, and the document gets a coded error instead
 * of stalling the batch.
 *
 * Processes rather than threads because V8 is tuned per process. One reading thread keeps ~0.5
 * more of a core busy with V8's helpers (the optimizing compiler, parallel GC): a gain while a
 * core is idle, a loss when every core already runs a worker. So when the workers fill the cores
 * each runs V8 single-threaded (measured over 3,198 pages on 2 cores: 2 workers 17.3 s as
 * threads, 12.7 s as single-threaded processes).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import workerpool from 'workerpool';
import { GongkaiError, oneLine } from '../model/errors.js';
import type { DocumentResult } from '../model/schema.js';
import {
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_WORKER_MEMORY_MB,
  OCR_PAGE_SECONDS,
  WORKER_INTERRUPT_BUDGET,
  WORKER_STDERR_EXCERPT,
  WORKER_TERMINATE_MS,
} from './settings.js';
import { summarize, type DocumentSummary } from './summary.js';
import type { WorkerSummary, WorkerTask } from './worker.js';

export interface PoolOptions {
  /** worker processes (default: every core) */
  jobs?: number;
  /** per-document wall-clock limit in seconds (default 120), plus `ocrPageSeconds` a page read by OCR */
  timeoutSeconds?: number;
  /** seconds added to a document's limit for each page it reads by OCR (default OCR_PAGE_SECONDS) */
  ocrPageSeconds?: number;
  /** per-worker heap ceiling in MB (default 1024) */
  memoryMb?: number;
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * V8 options for the workers. Every worker warms up on its own (V8 shares no compiled code between
 * processes), and pdf.js is large: optimizing a function only once it has run 4× V8's default
 * budget of bytecode (132 KB) compiles what stays hot and not what is hot for a moment (measured:
 * 6–19% less time, 400 to 3,200 pages, 1 and 2 workers). Without helper threads when the workers
 * alone fill every core.
 */
export function workerV8Flags(jobs: number, cores = defaultJobs()): string[] {
  return [`--interrupt-budget=${WORKER_INTERRUPT_BUDGET}`, ...(jobs >= cores ? ['--single-threaded'] : [])];
}

/** Worker processes that each extract one document at a time, with a time limit and a heap ceiling. */
export class DocumentPool {
  private pool: workerpool.Pool;
  readonly jobs: number;
  private timeoutMs: number;
  private ocrPageMs: number;
  private memoryMb: number;
  /** the highest peak resident memory a worker reported, MB */
  peakWorkerRssMb = 0;
  /** when each document in hand reaches its time limit (ms since the epoch; OCR pages lengthen it) */
  private deadlines = new Set<() => number>();

  constructor(opts: PoolOptions = {}) {
    this.jobs = Math.max(1, opts.jobs ?? defaultJobs());
    this.timeoutMs = (opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    this.ocrPageMs = (opts.ocrPageSeconds ?? OCR_PAGE_SECONDS) * 1000;
    this.memoryMb = opts.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
    const here = path.dirname(fileURLToPath(import.meta.url));
    this.pool = workerpool.pool(path.join(here, 'worker.js'), {
      workerType: 'process',
      // started now, so that they load while the main process hashes the inputs
      minWorkers: this.jobs,
      maxWorkers: this.jobs,
      // a worker's stderr comes here (V8 says there why it died), not to the terminal
      emitStdStreams: true,
      // a stopped document's worker is busy and cannot clean up: end it at once
      workerTerminateTimeout: WORKER_TERMINATE_MS,
      forkOpts: {
        execArgv: [...workerV8Flags(this.jobs), `--max-old-space-size=${this.memoryMb}`],
        env: { ...process.env, GONGKAI_HARVEST_PID: String(process.pid) },
      },
    });
  }

  /** When the last document in hand reaches its time limit, ms since the epoch (0 when none is). */
  latestDeadline(): number {
    return Math.max(0, ...[...this.deadlines].map((d) => d()));
  }

  /**
   * Extract one document in a worker, which writes its result; never rejects. When the worker is
   * stopped (timeout, heap) or fails, the failed result is returned instead, for the caller to keep.
   * The time limit is the text budget until the worker says how many pages OCR is to read (it knows
   * once it has read the PDF); each adds `ocrPageMs`, counted from the document's start.
   */
  async run(
    task: WorkerTask,
    fallback: DocumentResult,
  ): Promise<{ summary: DocumentSummary; failed?: DocumentResult }> {
    let stderr = '';
    const started = Date.now();
    let ocrPages = 0;
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const limitMs = () => this.timeoutMs + ocrPages * this.ocrPageMs;
    const deadline = () => started + limitMs();
    this.deadlines.add(deadline);
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          timedOut = true;
          running.cancel();
        },
        Math.max(0, started + limitMs() - Date.now()),
      );
    };
    const on = (payload: { stdout?: string; stderr?: string; ocrPages?: number }) => {
      if (payload.stderr) stderr += payload.stderr;
      if (typeof payload.ocrPages === 'number' && payload.ocrPages > 0) {
        ocrPages = payload.ocrPages;
        arm();
      }
    };
    const running = this.pool.exec('extractDocument', [task], { on });
    arm();
    try {
      const { workerRssMb, ...summary } = (await running) as WorkerSummary;
      this.peakWorkerRssMb = Math.max(this.peakWorkerRssMb, workerRssMb);
      return { summary };
    } catch (err) {
      const e = err as Error;
      let error: GongkaiError;
      if (timedOut) error = new GongkaiError('timeout', this.timeoutMessage(limitMs(), ocrPages));
      else {
        // what the dying process wrote may still be on its way
        await new Promise((r) => setTimeout(r, 50));
        if (/heap out of memory/i.test(stderr))
          error = new GongkaiError(
            'out-of-memory',
            `the worker ran out of its ${this.memoryMb} MB heap; it was replaced`,
          );
        else {
          const signal = /signalCode: `(\w+)`/.exec(e.message)?.[1];
          const said = stderr.split('\n').find((l) => l.trim()) ?? '';
          error = new GongkaiError(
            'internal',
            `the worker failed: ${signal && signal !== 'null' ? `ended by ${signal}` : e.message.split('\n')[0]}` +
              (said ? ` (${said.trim().slice(0, WORKER_STDERR_EXCERPT)})` : ''),
          );
        }
      }
      const failed: DocumentResult = {
        ...fallback,
        status: 'failed',
        error: { code: error.code, message: oneLine(error.message) },
      };
      return { summary: summarize(failed), failed };
    } finally {
      this.deadlines.delete(deadline);
      clearTimeout(timer);
    }
  }

  private timeoutMessage(limitMs: number, ocrPages: number): string {
    const how = ocrPages ? ` (${this.timeoutMs / 1000} s + ${ocrPages} OCR page(s) × ${this.ocrPageMs / 1000} s)` : '';
    return `not done after ${limitMs / 1000} s${how}; the worker was stopped and replaced`;
  }

  async close(): Promise<void> {
    await this.pool.terminate();
  }
}
