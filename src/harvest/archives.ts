/**
 * A zip of disclosures given as an input (or found in an input folder): its documents are unpacked
 * into a temp folder of this process and read like files, named `archive.zip/inner/path.pdf`.
 * Sizes are counted as the members inflate, whatever their headers claim, against the same limits
 * as a Word or Excel file's parts; names are UTF-8 when the archive says so, else GBK (Windows).
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { GongkaiError } from '../model/errors.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../read/office/zip.js';

export interface UnpackedDocument {
  file: string;
  /** the member's path inside the archive, `/` separated */
  inner: string;
}

/** yauzl's general-purpose flag: the member's name is UTF-8. */
const UTF8_NAME = 0x800;

/**
 * The documents (by `isDocument` on their names) in the zip at `file`, unpacked into `into`.
 * Throws `unsafe-archive` past the limits, `corrupt` when the archive cannot be read.
 */
export async function unpackZip(
  file: string,
  into: string,
  isDocument: (name: string) => boolean,
  decodeName: (bytes: Buffer) => string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<UnpackedDocument[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, z) =>
      err ? reject(corrupt(err)) : resolve(z),
    ),
  );
  const out: UnpackedDocument[] = [];
  let total = 0;
  let entries = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++entries > limits.maxEntries)
        throw new GongkaiError('unsafe-archive', `the archive holds over ${limits.maxEntries} files`);
      const raw = entry.fileName as unknown as Buffer;
      const inner = entry.generalPurposeBitFlag & UTF8_NAME ? raw.toString('utf8') : decodeName(raw);
      if (inner.endsWith('/') || !isDocument(inner)) continue;
      if (entry.uncompressedSize > limits.maxEntry)
        throw new GongkaiError('unsafe-archive', `${inner} would inflate past the ${mb(limits.maxEntry)} limit`);
      const target = path.join(into, `${out.length + 1}${path.extname(inner).toLowerCase()}`);
      let size = 0;
      // counted as it inflates: a member whose header lies about its size stops at the limit
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          total += chunk.length;
          if (size > limits.maxEntry || total > limits.maxTotal)
            done(new GongkaiError('unsafe-archive', `${inner} inflates past the ${mb(limits.maxEntry)} limit`));
          else done(null, chunk);
        },
      });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(corrupt(err)) : resolve(s))),
      );
      await pipeline(stream, count, createWriteStream(target)).catch((err) => {
        throw err instanceof GongkaiError ? err : corrupt(err);
      });
      out.push({ file: target, inner });
    }
  } finally {
    zip.close();
  }
  return out;
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
      reject(corrupt(err));
    });
    zip.readEntry();
  });
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const corrupt = (err: unknown) =>
  new GongkaiError('corrupt', `the zip archive cannot be read: ${(err as Error).message}`, { cause: err });
