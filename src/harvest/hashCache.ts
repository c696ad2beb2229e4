/**
 * The inputs' sha256, remembered in the output folder (hashes.json) by path and stat stamp (size,
 * inode, modification and change times in nanoseconds), so that a re-run over an archive reads
 * only the files that changed instead of hashing every byte again (2.4 s per GB here, from the
 * page cache). The change time cannot be set back by tools that restore a modification time
 * (`cp -p`, `touch -d`, unzip), so a file written since is hashed again; `--force` hashes all.
 */
import type { BigIntStats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../write/atomic.js';

const FILE = 'hashes.json';
const FORMAT = 1;

type Entry = [stamp: string, sha256: string];

export function stampOf(st: BigIntStats): string {
  return `${st.size}:${st.ino}:${st.mtimeNs}:${st.ctimeNs}`;
}

export class HashCache {
  private changed = false;
  private constructor(
    private file: string,
    private entries: Map<string, Entry>,
  ) {}

  /** The folder's cache; empty when there is none, or it is not whole, or `fresh` is asked. */
  static async load(outDir: string, fresh = false): Promise<HashCache> {
    const file = path.join(outDir, FILE);
    const entries = new Map<string, Entry>();
    if (!fresh) {
      try {
        const data = JSON.parse(await readFile(file, 'utf8')) as { format: number; files: Record<string, Entry> };
        if (data.format === FORMAT) for (const [k, v] of Object.entries(data.files)) entries.set(k, v);
      } catch {
        // none yet, or unreadable: every input is hashed, and the cache written anew
      }
    }
    return new HashCache(file, entries);
  }

  get(file: string, stamp: string): string | undefined {
    const e = this.entries.get(path.resolve(file));
    return e && e[0] === stamp ? e[1] : undefined;
  }

  set(file: string, stamp: string, sha256: string): void {
    this.entries.set(path.resolve(file), [stamp, sha256]);
    this.changed = true;
  }

  /** Written atomically, and only when something was added. */
  async save(): Promise<void> {
    if (!this.changed) return;
    await writeAtomic(this.file, JSON.stringify({ format: FORMAT, files: Object.fromEntries(this.entries) }));
    this.changed = false;
  }
}
