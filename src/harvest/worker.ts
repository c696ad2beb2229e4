/**
 * A pool worker process: one document in; its validated result and its dataset rows written to
 * the output folder by the worker itself (so the harvest neither copies nor serializes them), and a
 * short summary back.
 */
import { Worker } from 'node:worker_threads';
import workerpool from 'workerpool';
import { extract, type ExtractOptions } from '../pipeline/extract.js';
import { useInPlaceInflate } from '../read/pdf/inflate.js';
import { writeResult } from '../write/dataset.js';
import { renderRows, writeRows } from '../write/rows.js';
import { ORPHAN_CHECK_MS } from './settings.js';
import { summarize, type DocumentSummary } from './summary.js';

export interface WorkerTask {
  file: string;
  name: string;
  /** the input's sha256, known to the main thread from hashing */
  sha256: string;
  /** where documents/<sha256>.json goes */
  outDir: string;
  options?: ExtractOptions;
}

export interface WorkerSummary extends DocumentSummary {
  /** this worker process's peak resident memory so far, MB */
  workerRssMb: number;
}

async function extractDocument(task: WorkerTask): Promise<WorkerSummary> {
  // the pool lengthens this document's time limit by the pages OCR is to read
  const onOcrPages = (pages: number) => workerpool.workerEmit({ ocrPages: pages });
  const result = await extract(task.file, { ...task.options, documentName: task.name, onOcrPages });
  result.sha256 ||= task.sha256;
  await writeResult(task.outDir, result);
  // its dataset rows too, here on a worker's core rather than at the end of the run on one
  await writeRows(task.outDir, result.sha256, renderRows(result, task.name));
  return { ...summarize(result), workerRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

/**
 * A harvest killed with -9 cannot stop its workers, and a worker notices a lost parent only
 * between documents. A small thread checks every half second whether the harvest that started
 * this process is still its parent, and ends the process when it is not.
 */
function exitWithParent(): void {
  // the harvest's pid as it said it when it started this process: a harvest killed while this
  // process was still loading has already left it to another parent
  const parent = Number(process.env.GONGKAI_HARVEST_PID) || process.ppid;
  const watch = new Worker(
    `setInterval(() => { if (process.ppid !== ${parent}) process.kill(process.pid, 'SIGKILL'); }, ${ORPHAN_CHECK_MS});`,
    { eval: true },
  );
  watch.unref();
}

// this process is the pool's alone: pdf.js may inflate on its thread without a thread-pool round trip
useInPlaceInflate();
exitWithParent();
workerpool.worker({ extractDocument });
