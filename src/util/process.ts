/** One way to run an external program (poppler, tesseract, LibreOffice) and fail with a typed error. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { GongkaiError } from '../model/errors.js';

export interface RunOptions {
  /** the program is killed (SIGKILL) after this long, ms */
  timeoutMs: number;
  /** bytes of stdout / stderr kept */
  maxBuffer: number;
  env?: NodeJS.ProcessEnv;
  /** the error for: no such program; killed at the time limit; any other failure (first line of its stderr) */
  missing: () => GongkaiError;
  timedOut: () => GongkaiError;
  failed: (detail: string) => GongkaiError;
  /**
   * Bounds the kernel holds the program to, whoever is its parent by then: a program left running
   * by a worker that was stopped still ends within its CPU time, and cannot take more memory than
   * this (a page rendered from a hostile size fails instead). Through util-linux's prlimit.
   */
  limits?: { memoryMb: number; cpuSeconds: number };
}

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));

/** The command line with the limits in front, where prlimit exists. */
function bounded(cmd: string, args: string[], limits: RunOptions['limits']): [string, string[]] {
  if (!limits || !PRLIMIT) return [cmd, args];
  const as = `--as=${limits.memoryMb * 2 ** 20}`;
  return [PRLIMIT, [as, `--cpu=${Math.max(1, Math.ceil(limits.cpuSeconds))}`, '--', cmd, ...args]];
}

/** Run `cmd` with `args`; resolves with its stdout. */
export function runProcess(cmd: string, args: string[], opts: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const execOpts = {
      timeout: opts.timeoutMs,
      killSignal: 'SIGKILL' as const,
      maxBuffer: opts.maxBuffer,
      env: opts.env,
    };
    const [file, argv] = bounded(cmd, args, opts.limits);
    execFile(file, argv, execOpts, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      // prlimit reports a missing program itself: exit 127 / "failed to execute"
      if (e.code === 'ENOENT' || (file !== cmd && /failed to execute|No such file/.test(String(stderr))))
        return reject(opts.missing());
      if (e.killed) return reject(opts.timedOut());
      reject(
        opts.failed(
          String(stderr || e.message)
            .trim()
            .split('\n')[0],
        ),
      );
    });
  });
}
