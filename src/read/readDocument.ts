/**
 * The read stage: a file's bytes → positioned text (PDF) or paragraphs and table grids (Word,
 * Excel). Formats are recognised by content (`detect.ts`); each is read by the first reader of the
 * registry that accepts it. Legacy binary Office files are converted to DOCX / XLSX first.
 */
import path from 'node:path';
import type { ReadContent } from '../model/content.js';
import { GongkaiError } from '../model/errors.js';
import { info, type Message, type Result } from '../model/message.js';
import type { DocumentResult } from '../model/schema.js';
import { detectFormat, type Format } from './detect.js';
import type { IsMark } from './office/xlsx.js';
import { assertInflatesSafely, assertSafeZip, zipEntries } from './office/zip.js';
import { readPdf } from './pdf/pdf.js';

export interface ReadContext {
  /** tells a mark line (title, 公开0x表, 单位 …) from table text: locate's, passed in by the pipeline */
  isMark: IsMark;
}

/**
 * A format reader: which detected formats it takes, how it prepares their bytes (a legacy Office
 * file converted, a zip checked), and how it reads them.
 */
export interface Reader {
  format: 'pdf' | 'docx' | 'xlsx';
  accepts: (format: Format) => boolean;
  prepare?: (bytes: Uint8Array, format: Format) => Promise<Result<Uint8Array>>;
  read: (bytes: Uint8Array, context: ReadContext) => Promise<Result<ReadContent>>;
}

/** A document whose format is known, and the reader that takes it. */
export interface Identified {
  /** the format as the output contract names it (a WPS Writer file is `wps`) */
  format: DocumentResult['format'];
  detected: Format;
  reader: Reader;
}

const EXTENSIONS: Record<string, string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  doc: ['doc', 'wps'],
  xlsx: ['xlsx'],
  xls: ['xls', 'et'],
};

/** Legacy DOC / XLS bytes converted by LibreOffice, then checked as any zip-based file. */
async function officeBytes(bytes: Uint8Array, format: Format): Promise<Result<Uint8Array>> {
  const messages: Message[] = [];
  let data = bytes;
  if (format === 'doc' || format === 'xls') {
    // the Office readers are loaded when an Office file comes: a worker that only ever reads
    // PDFs starts ~0.3 s sooner without mammoth, cheerio and exceljs
    const { convertWithLibreOffice } = await import('./office/convert.js');
    const to = format === 'doc' ? 'docx' : 'xlsx';
    data = await convertWithLibreOffice(bytes, format, to);
    messages.push(info('converted', `converted from ${format.toUpperCase()} to ${to.toUpperCase()} by LibreOffice`));
  }
  assertSafeZip(zipEntries(data) ?? []);
  // the directory may lie about sizes: every part inflated and counted before a reader unpacks it
  await assertInflatesSafely(data);
  return { value: data, messages };
}

/** The registry, in the order formats are tried. */
const READERS: Reader[] = [
  { format: 'pdf', accepts: (f) => f === 'pdf', read: (bytes) => readPdf(bytes) },
  {
    format: 'docx',
    accepts: (f) => f === 'docx' || f === 'doc',
    prepare: officeBytes,
    read: async (bytes) => (await import('./office/docx.js')).readDocx(bytes),
  },
  {
    format: 'xlsx',
    accepts: (f) => f === 'xlsx' || f === 'xls',
    prepare: officeBytes,
    read: async (bytes, context) => (await import('./office/xlsx.js')).readXlsx(bytes, context.isMark),
  },
];

const UNSUPPORTED: Partial<Record<Format, GongkaiError>> = {
  'ole-encrypted': new GongkaiError('encrypted', 'the Office file is password-protected'),
  ole: new GongkaiError('unsupported-format', 'an OLE compound file that is neither a Word nor an Excel document'),
  zip: new GongkaiError('unsupported-format', 'a zip archive that is not a DOCX or XLSX document'),
};

/** Which format a document's bytes are and which reader takes them; `name` is only compared with that. */
export function identify(bytes: Uint8Array, name: string): Result<Identified> {
  const detected = detectFormat(
    bytes,
    zipEntries(bytes)?.map((e) => e.name),
  );
  const reader = READERS.find((r) => r.accepts(detected));
  if (!reader) {
    const unsupported = 'not a PDF, Word or Excel document (unrecognized content)';
    throw UNSUPPORTED[detected] ?? new GongkaiError('unsupported-format', unsupported);
  }
  const messages: Message[] = [];
  const ext = path.extname(name).slice(1).toLowerCase();
  if (EXTENSIONS[detected] && ext && !EXTENSIONS[detected].includes(ext)) {
    const as = detected.toUpperCase();
    messages.push(info('misnamed', `named .${ext} but its content is ${as}; read as ${as}`));
  }
  const format = detected === 'doc' && ext === 'wps' ? 'wps' : (detected as DocumentResult['format']);
  return { value: { format, detected, reader }, messages };
}
