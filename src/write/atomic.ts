/** Write a file atomically: a temp file beside it, then rename (a crash leaves old or new, never half). */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** temp files being written now: removed by `removeTempFiles` when the run is interrupted */
const pending = new Set<string>();

/** A temp name beside `file`, remembered until `settled` is called with it. */
export function tempPath(file: string): string {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  pending.add(tmp);
  return tmp;
}

/** Remember a temp path made elsewhere (a database's write-ahead log, a folder). */
export function trackTemp(tmp: string): string {
  pending.add(tmp);
  return tmp;
}

export function settled(tmp: string): void {
  pending.delete(tmp);
}

/** Remove the temp files of writes still in progress (on Ctrl-C; synchronous, the process is ending). */
export function removeTempFiles(): void {
  for (const f of pending) rmSync(f, { force: true, recursive: true });
  pending.clear();
}

/** Write `data` to `file` through a temp name and a rename. */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = tempPath(file);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    settled(tmp);
  }
}
