/** What the library's extract (isolated.ts) and its threads (isolatedThread.ts) tell each other. */
import type { DocumentResult } from '../model/schema.js';
import type { ExtractOptions, ExtractStage } from './options.js';

/** The options that cross to the thread: the plain ones (callbacks and the signal stay behind). */
export type ThreadOptions = Omit<ExtractOptions, 'signal' | 'onProgress' | 'onOcrPages'>;

export interface ThreadJob {
  type: 'job';
  /** a path, or the caller's bytes (a copy, moved to the thread) */
  input: string | ArrayBuffer;
  options: ThreadOptions;
  /** whether the caller listens for stages and OCR pages */
  progress: boolean;
  ocrPages: boolean;
  /** the caller's signal was aborted before the job was sent */
  aborted: boolean;
  /** one Int32: the caller's answer to a stage, set before the thread goes on */
  ack: SharedArrayBuffer;
}

export type ThreadReply =
  | { type: 'stage'; stage: ExtractStage }
  | { type: 'ocr-pages'; pages: number }
  | { type: 'result'; result: DocumentResult };

/** ack values: the thread waits while ACK_WAITING; the caller answers ACK_GO or ACK_ABORT */
export const ACK_WAITING = 0;
export const ACK_GO = 1;
export const ACK_ABORT = 2;
