/**
 * A pool worker: one document in; its validated result written to the output folder by the worker
 * itself (so the main thread neither clones nor serializes it), and a short summary back.
 */
import { extract, type ExtractOptions } from '../pipeline/extract.js';
import { summarize, type DocumentSummary } from './summary.js';
import { writeResult } from '../write/dataset.js';

export interface WorkerTask {
  file: string;
  name: string;
  /** the input's sha256, known to the main thread from hashing */
  sha256: string;
  /** where documents/<sha256>.json goes */
  outDir: string;
  options?: ExtractOptions;
}

export default async function run(task: WorkerTask): Promise<DocumentSummary> {
  const result = await extract(task.file, { ...task.options, documentName: task.name });
  result.sha256 ||= task.sha256;
  await writeResult(task.outDir, result);
  return summarize(result);
}
