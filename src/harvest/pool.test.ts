import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { workerV8Flags } from './pool.js';

describe('worker V8 options', () => {
  it('drop V8’s helper threads only when the workers fill every core', () => {
    const singleThreaded = (jobs: number, cores: number) => workerV8Flags(jobs, cores).includes('--single-threaded');
    expect(singleThreaded(1, 2)).toBe(false);
    expect(singleThreaded(3, 8)).toBe(false);
    expect(singleThreaded(2, 2)).toBe(true);
    expect(singleThreaded(4, 2)).toBe(true);
  });

  it('are options this Node accepts (a worker would not start otherwise)', () => {
    for (const jobs of [1, 2])
      expect(
        execFileSync(process.execPath, [...workerV8Flags(jobs, 2), '-e', 'console.log("ok")'], {
          encoding: 'utf8',
        }).trim(),
      ).toBe('ok');
  });
});
