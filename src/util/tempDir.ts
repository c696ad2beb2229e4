/**
 * Temp folders named after the process that made them (`gongkai-<pid>-<kind>-XXXXXX`), so that a
 * run can remove the ones a killed worker left behind (a timeout kills the worker before its
 * `finally` runs): a folder whose process is gone is swept at the start of the next harvest.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const NAME = /^gongkai-(\d+)-/;

export function makeTempDir(kind: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `gongkai-${process.pid}-${kind}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the temp folders of gongkai processes that no longer run; returns how many. */
export async function sweepStaleTempDirs(dir = os.tmpdir()): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((n) => {
    const pid = Number(NAME.exec(n)?.[1]);
    return pid > 0 && !alive(pid);
  });
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { recursive: true, force: true })));
  return stale.length;
}
