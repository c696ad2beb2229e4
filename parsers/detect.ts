/** Detect a file's format from its bytes, not its name. */
export type Format = 'pdf' | 'docx' | 'xlsx' | 'ole' | 'zip' | 'unknown';

export function detectFormat(head: Uint8Array, zipEntries?: string[]): Format {
  const s = Buffer.from(head.subarray(0, 1024)).toString('latin1');
  if (s.includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b) {
    if (zipEntries?.some((e) => e === 'word/document.xml')) return 'docx';
    if (zipEntries?.some((e) => e === 'xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole';
  return 'unknown';
}
