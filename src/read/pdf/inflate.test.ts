import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InPlaceDecompressionStream } from './inflate.js';

type Stream = { readable: ReadableStream<Uint8Array>; writable: WritableStream<BufferSource> };

/** Written and read as pdf.js does (BaseStream.asyncGetBytesFromDecompressionStream), in pieces. */
async function inflateWith(stream: Stream, input: Uint8Array, pieces = 3): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const step = Math.ceil(input.length / pieces) || 1;
  const writing = (async () => {
    for (let i = 0; i < input.length; i += step)
      await writer.write(input.subarray(i, i + step) as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  writing.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  for await (const c of stream.readable) chunks.push(c);
  await writing;
  return new Uint8Array(Buffer.concat(chunks));
}

const text = Buffer.from('BT /F1 12 Tf 72 700 Td (收入支出决算总表 1,234.56) Tj ET\n'.repeat(400));
const formats: [string, Buffer][] = [
  ['deflate', zlib.deflateSync(text)],
  ['deflate-raw', zlib.deflateRawSync(text)],
  ['gzip', zlib.gzipSync(text)],
];

describe('InPlaceDecompressionStream', () => {
  it.each(formats)('inflates %s to the same bytes as the native DecompressionStream', async (format, packed) => {
    const ours = await inflateWith(new InPlaceDecompressionStream(format), packed);
    const native = await inflateWith(new DecompressionStream(format as CompressionFormat), packed);
    expect(Buffer.from(ours).equals(text)).toBe(true);
    expect(Buffer.from(ours).equals(Buffer.from(native))).toBe(true);
  });

  it('stops inflating past its output bound, whatever the input says', async () => {
    const bomb = zlib.deflateSync(Buffer.alloc(8 * 2 ** 20));
    await expect(inflateWith(new InPlaceDecompressionStream('deflate', 2 ** 20), bomb)).rejects.toThrow(/larger than/);
    expect((await inflateWith(new InPlaceDecompressionStream('deflate', 9 * 2 ** 20), bomb)).length).toBe(8 * 2 ** 20);
  });

  it('rejects corrupt and truncated input as the native one does', async () => {
    const corrupt = Buffer.from(formats[0][1]);
    corrupt.fill(0xff, 2, 40);
    const truncated = formats[0][1].subarray(0, formats[0][1].length - 20);
    for (const bad of [corrupt, truncated]) {
      await expect(inflateWith(new InPlaceDecompressionStream('deflate'), bad)).rejects.toThrow();
      await expect(inflateWith(new DecompressionStream('deflate'), bad)).rejects.toThrow();
    }
  });

  it('inflates brotli (pdf.js’s BrotliDecode) and refuses formats it does not know', async () => {
    expect(
      Buffer.from(await inflateWith(new InPlaceDecompressionStream('brotli'), zlib.brotliCompressSync(text))).equals(
        text,
      ),
    ).toBe(true);
    expect(() => new InPlaceDecompressionStream('lzw')).toThrow(TypeError);
  });
});
