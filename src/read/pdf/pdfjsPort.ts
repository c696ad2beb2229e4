/**
 * pdf.js's parser (its "worker") on this thread, joined to the API by a port pair of our own and
 * shared by every document read on the thread.
 *
 * In Node, pdf.js runs its parser on the calling thread behind a LoopbackPort that structured-
 * clones every message, as a real worker boundary would. For operator lists that is a deep copy
 * of every operator's arguments (glyph arrays, path buffers), ~10% of a page's time plus the
 * garbage. Here operator-list chunks are handed over as they are: the parser empties its two
 * arrays right after sending a chunk (OperatorList.flush), so those two are copied, and the
 * arguments in them are never touched again by the parser. Every other message is cloned, as
 * LoopbackPort does.
 */
import { PDFWorker, WorkerMessageHandler } from './pdfjs.js';

type Listener = (event: { data: unknown }) => void;

interface OperatorListChunk {
  fnArray: unknown[];
  argsArray: unknown[];
}

function isOperatorListChunk(chunk: unknown): chunk is OperatorListChunk {
  return (
    typeof chunk === 'object' &&
    chunk !== null &&
    Array.isArray((chunk as OperatorListChunk).fnArray) &&
    Array.isArray((chunk as OperatorListChunk).argsArray)
  );
}

/** What the receiving side gets for a message. Exported for the tests. */
export function handOver(message: unknown, transfer?: Transferable[]): unknown {
  const chunk = (message as { chunk?: unknown } | null)?.chunk;
  if (isOperatorListChunk(chunk)) {
    return {
      ...(message as object),
      chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() },
    };
  }
  return structuredClone(message, transfer?.length ? { transfer } : undefined);
}

class InThreadPort {
  peer!: InThreadPort;
  private listeners = new Set<Listener>();

  postMessage(message: unknown, transfer?: Transferable[]): void {
    const data = handOver(message, transfer);
    // delivered once the sender's current job is done, as across a real port
    queueMicrotask(() => {
      for (const listener of this.peer.listeners) listener.call(this.peer, { data });
    });
  }

  addEventListener(type: string, listener: Listener, options?: { signal?: AbortSignal }): void {
    if (type !== 'message' || options?.signal?.aborted) return;
    this.listeners.add(listener);
    options?.signal?.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.listeners.delete(listener);
  }

  terminate(): void {
    this.listeners.clear();
  }
}

let shared: PDFWorker | null = null;

/** The thread's pdf.js worker, made on first use; pass it as getDocument's `worker`. */
export function inThreadWorker(): PDFWorker {
  if (shared && !shared.destroyed) return shared;
  const api = new InThreadPort();
  const parser = new InThreadPort();
  api.peer = parser;
  parser.peer = api;
  WorkerMessageHandler.initializeFromPort(parser);
  // pdf.js takes any object with a Worker's postMessage / addEventListener (its typings say null)
  shared = new PDFWorker({ port: api } as unknown as ConstructorParameters<typeof PDFWorker>[0]);
  return shared;
}
