/** What a job carries, what it returns, and how it is retried. */
import type { JobsOptions } from 'bullmq';
import type { DocumentSummary } from '../harvest/summary.js';
import { ERROR_CODES, type ErrorCode } from '../model/errors.js';
import { BACKOFF_MS, KEEP_FINISHED_SECONDS, TRANSIENT_ATTEMPTS } from './settings.js';

/** One distinct content to read; the job's id is its sha256. */
export interface DocumentJob {
  file: string;
  /** the name the document is listed under (the rows are rendered with it) */
  name: string;
  sha256: string;
  /**
   * the file's bytes, base64, where `file` is a temp path of the submitting host that no other
   * host can reach (a zip's member, an alias of a name that is not UTF-8)
   */
  content?: string;
}

/** A finished job's return value: the document's summary and who read it. */
export interface JobOutcome extends DocumentSummary {
  /** the highest peak resident memory of the reading host's worker processes so far, MB */
  workerRssMb: number;
  host: string;
  /** the reading host's build: a result of another build is read again by the next run */
  build: string;
}

/** The same bytes are one job, whoever enqueues them and however often. */
export function jobOptions(sha256: string): JobsOptions {
  return {
    jobId: sha256,
    attempts: TRANSIENT_ATTEMPTS,
    backoff: { type: 'exponential', delay: BACKOFF_MS },
    removeOnComplete: { age: KEEP_FINISHED_SECONDS },
    removeOnFail: { age: KEEP_FINISHED_SECONDS },
  };
}

/** A failed job's reason is written `code: message`; its code, when it is one of ours. */
export function codeOfReason(reason: string | undefined): ErrorCode | null {
  const code = /^([a-z-]+): /.exec(reason ?? '')?.[1];
  return code && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : null;
}
