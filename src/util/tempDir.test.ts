import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, sweepStaleTempDirs } from './tempDir.js';

describe('temp folders', () => {
  it('are named after their process; those of processes that are gone are swept, the others kept', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
    // pid 2^22+1 is above Linux's pid_max default: no such process
    const gone = path.join(dir, `gongkai-${2 ** 22 + 1}-ocr-abc`);
    const mine = path.join(dir, `gongkai-${process.pid}-ocr-def`);
    const other = path.join(dir, 'not-ours');
    for (const d of [gone, mine, other]) mkdirSync(d);
    expect(await sweepStaleTempDirs(dir)).toBe(1);
    expect([existsSync(gone), existsSync(mine), existsSync(other)]).toEqual([false, true, true]);
    expect(path.basename(await makeTempDir('ocr'))).toMatch(new RegExp(`^gongkai-${process.pid}-ocr-`));
  });
});
