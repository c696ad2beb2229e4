/**
 * Every input a harvest into this output folder was ever given (inputs.json): its absolute path,
 * its name relative to the input root it came through, its sha256 (null when it was not found)
 * and its manifest columns. The dataset is rebuilt from all of them at the end of every run, so a
 * harvest done batch by batch into one folder ends with the dataset of all the batches; a path
 * given again replaces what was known of it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../write/atomic.js';

const FILE = 'inputs.json';
const FORMAT = 1;

export interface RegisteredInput {
  /** absolute path */
  file: string;
  /** relative to its input root, `/` separated */
  rel: string;
  /** null: the path was not found when it was last given */
  sha256: string | null;
  metadata: Record<string, string>;
}

export class InputRegistry {
  private changed = false;
  private constructor(
    private file: string,
    private entries: Map<string, RegisteredInput>,
  ) {}

  /** The folder's registry; empty when there is none yet (or it is not whole). */
  static async load(outDir: string): Promise<InputRegistry> {
    const file = path.join(outDir, FILE);
    const entries = new Map<string, RegisteredInput>();
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as { format: number; inputs: RegisteredInput[] };
      if (data.format === FORMAT) for (const e of data.inputs) entries.set(e.file, e);
    } catch {
      // none yet, or unreadable: the dataset is this run's inputs (and the next run's, …)
    }
    return new InputRegistry(file, entries);
  }

  /** This run's inputs, replacing what earlier runs knew of the same paths. */
  record(inputs: RegisteredInput[]): void {
    for (const e of inputs) {
      const entry = { ...e, file: path.resolve(e.file) };
      const old = this.entries.get(entry.file);
      if (old && JSON.stringify(old) === JSON.stringify(entry)) continue;
      this.entries.set(entry.file, entry);
      this.changed = true;
    }
  }

  /** Every input known, in path order. */
  all(): RegisteredInput[] {
    return [...this.entries.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  async save(): Promise<void> {
    if (!this.changed) return;
    await writeAtomic(this.file, JSON.stringify({ format: FORMAT, inputs: this.all() }));
    this.changed = false;
  }
}
