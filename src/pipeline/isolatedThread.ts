/**
 * A thread that runs the library's extractions for `isolated.ts`, one at a time: the flow, pdf.js
 * and its polyfills live here, not in the caller's thread.
 */
import { parentPort } from 'node:worker_threads';
import { extract } from './extract.js';
import type { ExtractStage } from './options.js';
import { ACK_ABORT, ACK_WAITING, type ThreadJob, type ThreadReply } from './threadProtocol.js';

const port = parentPort;
if (!port) throw new Error('isolatedThread runs as a worker thread');
const send = (reply: ThreadReply) => port.postMessage(reply);
let running: AbortController | null = null;

async function run(job: ThreadJob): Promise<void> {
  const controller = new AbortController();
  running = controller;
  if (job.aborted) controller.abort();
  const ack = new Int32Array(job.ack);
  // the caller's callback runs in its thread; this one waits for it, so that an abort made in the
  // callback stops the extraction at the next stage, as it would in the caller's own thread
  const onProgress = job.progress
    ? (stage: ExtractStage) => {
        Atomics.store(ack, 0, ACK_WAITING);
        send({ type: 'stage', stage });
        Atomics.wait(ack, 0, ACK_WAITING);
        if (Atomics.load(ack, 0) === ACK_ABORT) controller.abort();
      }
    : undefined;
  const onOcrPages = job.ocrPages ? (pages: number) => send({ type: 'ocr-pages', pages }) : undefined;
  const input = typeof job.input === 'string' ? job.input : new Uint8Array(job.input);
  const result = await extract(input, { ...job.options, signal: controller.signal, onProgress, onOcrPages });
  running = null;
  send({ type: 'result', result });
}

port.on('message', (message: ThreadJob | { type: 'abort' }) => {
  if (message.type === 'abort') running?.abort();
  else void run(message);
});
