/** One way to run an external program (poppler, tesseract, LibreOffice) and fail with a typed error. */
import { execFile } from 'node:child_process';
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
    execFile(cmd, args, execOpts, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') return reject(opts.missing());
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
