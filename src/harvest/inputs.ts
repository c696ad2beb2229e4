/** Expand the command line's files and folders into documents with their contract names. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';

const DOCUMENT_EXTENSIONS = ['pdf', 'docx', 'doc', 'wps', 'xlsx', 'xls', 'et'];

export interface InputDocument {
  file: string;
  /** relative to the input root given on the command line, `/` separated; a lone file: its name */
  name: string;
}

export async function expandInputs(inputs: string[]): Promise<{ docs: InputDocument[]; missing: string[] }> {
  const docs: InputDocument[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const st = await stat(input).catch(() => null);
    if (!st) {
      missing.push(input);
      continue;
    }
    if (st.isDirectory()) {
      const pattern = `**/*.{${DOCUMENT_EXTENSIONS.join(',')}}`;
      const found = await fg(pattern, {
        cwd: input,
        caseSensitiveMatch: false,
        onlyFiles: true,
        dot: false,
        followSymbolicLinks: true,
      });
      found.sort();
      for (const rel of found) docs.push({ file: path.join(input, rel), name: rel.split(path.sep).join('/') });
    } else {
      docs.push({ file: input, name: path.basename(input) });
    }
  }
  return { docs, missing };
}
