/**
 * A zip of disclosures given as an input (or found in an input folder): its documents are unpacked
 * into a temp folder of this process and read like files, named `archive.zip/inner/path.pdf`.
 * Sizes are counted as the members inflate, whatever their headers claim, against the same limits
 * as a Word or Excel file's parts; names are UTF-8 when the archive says so, else GBK (Windows).
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { corruptZip, DEFAULT_ZIP_LIMITS, WALK_OPTIONS, walkZip, type ZipLimits } from '../read/office/zip.js';

export interface UnpackedDocument {
  file: string;
  /** the member's path inside the archive, `/` separated */
  inner: string;
}

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
    yauzl.open(file, WALK_OPTIONS, (err, z) => (err ? reject(corruptZip(err)) : resolve(z))),
  );
  const out: UnpackedDocument[] = [];
  await walkZip(
    zip,
    ({ name, utf8 }) => {
      const inner = utf8 ? name.toString('utf8') : decodeName(name);
      if (inner.endsWith('/') || !isDocument(inner)) return null;
      const target = path.join(into, `${out.length + 1}${path.extname(inner).toLowerCase()}`);
      out.push({ file: target, inner });
      return createWriteStream(target);
    },
    limits,
  );
  return out;
}
