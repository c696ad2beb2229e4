/**
 * pdf.js 5 inflates content streams, fonts and CMaps through the web `DecompressionStream`. Node
 * runs that on its thread pool, so every stream is a round trip during which the reading thread
 * waits: measured, a fifth of reading a page. `useInPlaceInflate` replaces the global, in a
 * thread that is ours (the harvest's workers), by a stream that inflates with zlib's synchronous
 * call once its input has ended. Same bytes out; a corrupt or truncated input errors the same
 * way, and pdf.js then falls back to its own lenient inflater as it does with the native one.
 */
import zlib from 'node:zlib';
import { MAX_DECODED_STREAM_BYTES } from './pdfjsTextOnly.js';

const INFLATE: Record<string, (b: Buffer, o: zlib.ZlibOptions & zlib.BrotliOptions) => Buffer> = {
  deflate: zlib.inflateSync,
  'deflate-raw': zlib.inflateRawSync,
  gzip: zlib.gunzipSync,
  brotli: zlib.brotliDecompressSync,
};

function bytesOf(chunk: BufferSource): Buffer {
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return Buffer.from(chunk);
  throw new TypeError('The chunk must be an ArrayBuffer or an ArrayBufferView');
}

export class InPlaceDecompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<BufferSource>;

  /**
   * `maxOutput`, bytes: inflating stops with an error past it, before the bytes are held (pdf.js
   * then decodes the stream itself, and refuses it at the same bound).
   */
  constructor(format: string, maxOutput = MAX_DECODED_STREAM_BYTES + 1) {
    const inflate = INFLATE[format];
    if (!inflate) throw new TypeError(`Unsupported compression format: '${format}'`);
    const parts: Buffer[] = [];
    const { readable, writable } = new TransformStream<BufferSource, Uint8Array>({
      transform(chunk) {
        parts.push(bytesOf(chunk));
      },
      flush(controller) {
        const out = inflate(parts.length === 1 ? parts[0] : Buffer.concat(parts), { maxOutputLength: maxOutput });
        if (out.byteLength) controller.enqueue(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
      },
    });
    this.readable = readable;
    this.writable = writable;
  }
}

/** Make this thread's `DecompressionStream` the in-place one (only where the thread is ours). */
export function useInPlaceInflate(): void {
  (globalThis as { DecompressionStream?: unknown }).DecompressionStream = InPlaceDecompressionStream;
}
