/** A pool worker: one document in, its validated result out (pdf.js parses on this thread). */
import { extract, type ExtractOptions } from '../pipeline/extract.js';
import type { DocumentResult } from '../schema.js';

export interface WorkerTask {
  file: string;
  name: string;
  options?: ExtractOptions;
}

export default async function run(task: WorkerTask): Promise<DocumentResult> {
  return extract(task.file, { ...task.options, documentName: task.name });
}
