/** Detect a file's format from its bytes, not its name. */
export type Format = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'ole-encrypted' | 'ole' | 'zip' | 'unknown';

/** The format of a file's bytes (and of a zip's entry names). */
export function detectFormat(head: Uint8Array, zipEntries?: string[]): Format {
  const s = Buffer.from(head.subarray(0, 1024)).toString('latin1');
  if (s.includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b) {
    if (zipEntries?.some((e) => e === 'word/document.xml')) return 'docx';
    if (zipEntries?.some((e) => e === 'xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return oleKind(head);
  return 'unknown';
}

/**
 * A compound (OLE) file is a legacy Word (.doc, and the WPS Writer files that share its format), a
 * legacy Excel workbook (.xls, WPS spreadsheets), or an encrypted Office 2007+ file: the stream
 * names in its directory tell which.
 */
function oleKind(bytes: Uint8Array): Format {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (name: string) => buf.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage')) return 'ole-encrypted';
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  return 'ole';
}
