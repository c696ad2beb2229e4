/**
 * A zip's central directory, read without inflating anything: enough to tell DOCX from XLSX and to
 * refuse an archive that would inflate past a safe size (a zip bomb, a huge embedded image) before
 * mammoth or exceljs unpack it in memory.
 */
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { GongkaiError } from '../../model/errors.js';

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: ZipEntry[] = [];
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) return entries;
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && off + 46 <= buf.length; i++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) break;
    const n = buf.readUInt16LE(off + 28);
    const m = buf.readUInt16LE(off + 30);
    const k = buf.readUInt16LE(off + 32);
    entries.push({
      name: buf.toString('utf8', off + 46, off + 46 + n),
      compressed: buf.readUInt32LE(off + 20),
      uncompressed: buf.readUInt32LE(off + 24),
    });
    off += 46 + n + m + k;
  }
  return entries;
}

export interface ZipLimits {
  /** all entries together, inflated (default 512 MB) */
  maxTotal: number;
  /** one entry inflated (default 256 MB) */
  maxEntry: number;
  /** inflated / compressed for an entry larger than 1 MB (default 200) */
  maxRatio: number;
  maxEntries: number;
}
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotal: 512 * 2 ** 20,
  maxEntry: 256 * 2 ** 20,
  maxRatio: 200,
  maxEntries: 20000,
};

/** Throws `unsafe-archive` when the directory announces more than the limits allow. */
export function assertSafeZip(entries: ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  if (entries.length > limits.maxEntries)
    throw new GongkaiError(
      'unsafe-archive',
      `the archive holds ${entries.length} files, over the limit of ${limits.maxEntries}`,
    );
  let total = 0;
  for (const e of entries) {
    // 0xffffffff: a zip64 size we do not read; treat as too large rather than trust it
    if (e.uncompressed === 0xffffffff || e.uncompressed > limits.maxEntry)
      throw new GongkaiError(
        'unsafe-archive',
        `${e.name} would inflate to ${e.uncompressed === 0xffffffff ? 'over 4 GB' : mb(e.uncompressed)}, over the ` +
          `${mb(limits.maxEntry)} limit`,
      );
    if (e.uncompressed > 2 ** 20 && e.uncompressed / Math.max(1, e.compressed) > limits.maxRatio)
      throw new GongkaiError(
        'unsafe-archive',
        `${e.name} inflates ${Math.round(e.uncompressed / Math.max(1, e.compressed))}× (a zip bomb?), over the ` +
          `${limits.maxRatio}× limit`,
      );
    total += e.uncompressed;
  }
  if (total > limits.maxTotal)
    throw new GongkaiError(
      'unsafe-archive',
      `the archive would inflate to ${mb(total)}, over the ${mb(limits.maxTotal)} limit`,
    );
}

/** yauzl's general-purpose flag: the member's name is UTF-8. */
const UTF8_NAME = 0x800;

/** A member as `walkZip` shows it: its name's bytes, and whether the archive says they are UTF-8. */
export interface ZipMember {
  name: Buffer;
  utf8: boolean;
  entry: yauzl.Entry;
}

/**
 * Every member of an open archive, in order: `visit` returns where a member's bytes go (or null
 * to skip it). Inflation is counted as it happens, whatever the headers claim, against `limits`
 * (`unsafe-archive`); a member that inflates past its declared size, or an unreadable archive, is
 * `corrupt`.
 */
export async function walkZip(
  zip: yauzl.ZipFile,
  visit: (member: ZipMember) => NodeJS.WritableStream | null,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<void> {
  let total = 0;
  let entries = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++entries > limits.maxEntries)
        throw new GongkaiError('unsafe-archive', `the archive holds over ${limits.maxEntries} files`);
      const name = entry.fileName as unknown as Buffer;
      const sink = visit({ name, utf8: Boolean(entry.generalPurposeBitFlag & UTF8_NAME), entry });
      if (!sink) continue;
      const shown = name.toString('utf8');
      if (entry.uncompressedSize > limits.maxEntry)
        throw new GongkaiError('unsafe-archive', `${shown} would inflate past the ${mb(limits.maxEntry)} limit`);
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          total += chunk.length;
          if (size > limits.maxEntry || total > limits.maxTotal)
            done(new GongkaiError('unsafe-archive', `${shown} inflates past the ${mb(limits.maxEntry)} limit`));
          else done(null, chunk);
        },
      });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(corruptZip(err)) : resolve(s))),
      );
      await pipeline(stream, count, sink).catch((err) => {
        throw err instanceof GongkaiError ? err : corruptZip(err);
      });
    }
  } finally {
    zip.close();
  }
}

/** yauzl's options for walkZip: members one at a time, names as bytes, sizes checked. */
export const WALK_OPTIONS = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true } as const;

/** Every member of a Word or Excel file inflated and counted (nothing kept): refused before its reader unpacks it. */
export async function assertInflatesSafely(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, WALK_OPTIONS, (err, z) => (err ? reject(corruptZip(err)) : resolve(z))),
  );
  await walkZip(
    zip,
    () =>
      new Writable({
        write(_chunk, _enc, done) {
          done();
        },
      }),
    limits,
  );
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
    zip.once('entry', (e: yauzl.Entry) => {
      cleanup();
      resolve(e);
    });
    zip.once('end', () => {
      cleanup();
      resolve(null);
    });
    zip.once('error', (err: Error) => {
      cleanup();
      reject(corruptZip(err));
    });
    zip.readEntry();
  });
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

export function corruptZip(err: unknown): GongkaiError {
  return new GongkaiError('corrupt', `the zip archive cannot be read: ${(err as Error).message}`, { cause: err });
}
