/**
 * Hostile inputs for the harvest, made from the project's own documents: byte flips, truncation,
 * xref damage, lying /Length, Flate bombs, zip bombs with honest and lying sizes, page-tree loops
 * and DAGs, deep nesting, huge images, damaged XML and hostile file names.
 *
 *   node --import tsx scripts/fuzz/mutate.ts corpus /tmp/fuzz 300 1   # SEED_DIR OUT_DIR [COUNT] [SEED]
 *   bash scripts/fuzz/run.sh . /tmp/fuzz /tmp/fuzz-out            # codes per count, leftovers, peak RSS
 *
 * Deterministic for a given seed. Every file is small on disk; the bombs are small until inflated.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';

/** mulberry32: a small seeded generator, so a run can be repeated exactly */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

// ── PDF pieces ──────────────────────────────────────────────────────────────────

/** A PDF from object bodies (object n is objects[n-1]), with a correct xref unless shifted. */
export function pdfFromObjects(objects: (string | Buffer)[], xrefShift = 0): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let pos = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(pos);
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(b);
    pos += b.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o + xrefShift).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

function stream(dict: string, data: Buffer, length = data.length): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const TEXT = Buffer.from('BT /F1 12 Tf 72 720 Td (1234.56) Tj ET');
const PAGE = (contents: string, extra = '') =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> ${extra} >> /Contents ` +
  `${contents} >>`;

const bombs = new Map<number, Buffer>();
/** zlib data that inflates to `size` bytes of spaces (made once per size) */
function flateBomb(size: number): Buffer {
  if (!bombs.has(size)) bombs.set(size, deflateSync(Buffer.alloc(size, 0x20), { level: 9 }));
  return bombs.get(size)!;
}

const MB = 2 ** 20;

/** Hand-built PDFs, each hostile in one way. */
export const PDF_CASES: Record<string, (r: Rand) => Buffer> = {
  'flate-bomb-content': (r) =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('/Filter /FlateDecode', flateBomb(pick(r, [300, 1100]) * MB)),
    ]),
  'flate-bomb-image': (r) => {
    const side = pick(r, [16000, 20000]);
    return pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      PAGE('5 0 R', '/XObject << /Im1 6 0 R >>'),
      FONT,
      stream('', Buffer.from('q 600 0 0 780 6 6 cm /Im1 Do Q')),
      stream(
        `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 ` +
          `/Filter /FlateDecode`,
        flateBomb(Math.min(side * side, 1100 * MB)),
      ),
    ]);
  },
  'huge-image-dims': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      PAGE('5 0 R', '/XObject << /Im1 6 0 R >>'),
      FONT,
      stream('', Buffer.from('q 600 0 0 780 6 6 cm /Im1 Do Q')),
      stream(
        '/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8 ' +
          '/Filter /FlateDecode',
        deflateSync(Buffer.alloc(1000, 0x80)),
      ),
    ]),
  'huge-mediabox': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /UserUnit 75000 /Resources << /XObject << /Im1 6 0 R ' +
        '>> >> /Contents 5 0 R >>',
      FONT,
      stream('', Buffer.from('q 14400 0 0 14400 0 0 cm /Im1 Do Q')),
      stream(
        '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8',
        Buffer.from([0, 255, 255, 0]),
      ),
    ]),
  'page-tree-loop': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT),
    ]),
  'page-tree-dag': () => {
    // ten levels, each node's Kids the next node ten times: 10^9 leaves from ten objects
    const objs: string[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
    for (let lvl = 0; lvl < 9; lvl++)
      objs.push(
        `<< /Type /Pages /Kids [${Array(10)
          .fill(`${lvl + 3} 0 R`)
          .join(' ')}] /Count ${10 ** (9 - lvl)} >>`,
      );
    objs.push(PAGE(`${objs.length + 3} 0 R`).replace('/Parent 2 0 R', `/Parent ${objs.length} 0 R`));
    objs.push(FONT);
    objs.push(stream('', TEXT).toString('latin1'));
    // the page's font is object 4 in PAGE(); point it at the real font object
    objs[objs.length - 3] = objs[objs.length - 3].replace('/F1 4 0 R', `/F1 ${objs.length - 1} 0 R`);
    return pdfFromObjects(objs);
  },
  'count-zero': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 0 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT),
    ]),
  'count-negative': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count -1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT),
    ]),
  'kids-not-array': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids 3 0 R /Count 1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT),
    ]),
  'kid-wrong-type': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT),
    ]),
  'deep-array': (r) => {
    const n = pick(r, [20000, 100000]);
    return pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R /X ' + '['.repeat(n) + ']'.repeat(n) + ' >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT),
    ]);
  },
  'deep-dict': (r) => {
    const n = pick(r, [5000, 20000]);
    return pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R /X ' + '<< /A '.repeat(n) + '1' + ' >>'.repeat(n) + ' >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT),
    ]);
  },
  'deep-content-q': () =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', Buffer.from('q '.repeat(200000) + 'BT /F1 12 Tf (x) Tj ET')),
    ]),
  'lying-length': (r) =>
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      PAGE('5 0 R'),
      FONT,
      stream('', TEXT, pick(r, [0, 3, 999999999, -5])),
    ]),
  'xref-shifted': (r) =>
    pdfFromObjects(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        PAGE('5 0 R'),
        FONT,
        stream('', TEXT),
      ],
      pick(r, [-7, 3, 40, 100000]),
    ),
};

// ── zip pieces ──────────────────────────────────────────────────────────────────

export interface ZipMember {
  name: string | Buffer;
  data: Buffer;
  /** what the headers claim, when they lie */
  claimed?: number;
  stored?: boolean;
  /** already deflated: use as is (a bomb made once) */
  packed?: Buffer;
  size?: number;
}

/** A zip archive; sizes in the headers are honest unless a member says otherwise. */
export function zip(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let off = 0;
  for (const m of members) {
    const name = Buffer.isBuffer(m.name) ? m.name : Buffer.from(m.name);
    const packed = m.packed ?? (m.stored ? m.data : deflateRawSync(m.data));
    const size = m.size ?? m.data.length;
    const claimed = m.claimed ?? size;
    const crc = m.packed ? 0 : crc32(m.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(m.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(claimed, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(m.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(claimed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(off, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    off += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The members of a zip we made or that Office made (central directory, deflate or stored). */
export function unzip(buf: Buffer): ZipMember[] {
  const out: ZipMember[] = [];
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return out;
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(off + 10);
    const csize = buf.readUInt32LE(off + 20);
    const n = buf.readUInt16LE(off + 28);
    const m = buf.readUInt16LE(off + 30);
    const k = buf.readUInt16LE(off + 32);
    const local = buf.readUInt32LE(off + 42);
    const name = buf.toString('utf8', off + 46, off + 46 + n);
    const ln = buf.readUInt16LE(local + 26);
    const lm = buf.readUInt16LE(local + 28);
    const raw = buf.subarray(local + 30 + ln + lm, local + 30 + ln + lm + csize);
    out.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    off += 46 + n + m + k;
  }
  return out;
}

const rawBombs = new Map<number, Buffer>();
function rawBomb(size: number): Buffer {
  if (!rawBombs.has(size)) rawBombs.set(size, deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 }));
  return rawBombs.get(size)!;
}

/** Office files made hostile: XML damage, bombs with honest and lying sizes. */
function officeCase(r: Rand, seed: Buffer): { name: string; data: Buffer } {
  const members = unzip(seed);
  const main = members.find((m) => /^(word\/document|xl\/worksheets\/sheet1)\.xml$/.test(String(m.name)));
  const kind = pick(r, [
    'xml-truncated',
    'xml-unclosed',
    'xml-garbage',
    'zip-bomb-honest',
    'zip-bomb-lying',
    'two-lying-bombs',
    'xml-huge',
    'entities',
  ] as const);
  if (main) {
    const xml = main.data;
    if (kind === 'xml-truncated') main.data = xml.subarray(0, int(r, 10, xml.length - 1));
    if (kind === 'xml-unclosed') main.data = Buffer.from(xml.toString('utf8').replace(/<\/w:body>|<\/sheetData>/, ''));
    if (kind === 'xml-garbage') {
      main.data = Buffer.from(xml);
      for (let i = 0; i < 20; i++) main.data[int(r, 0, main.data.length - 1)] = int(r, 0, 255);
    }
    if (kind === 'xml-huge') {
      // just under the ratio limit: a big, honest document.xml full of empty paragraphs
      const para = '<w:p><w:r><w:t>一</w:t></w:r></w:p>';
      main.data = Buffer.from(
        xml.toString('utf8').replace(/<w:body>|<sheetData>/, (m) => m + para.repeat(int(r, 200_000, 600_000))),
      );
    }
    if (kind === 'entities') {
      const lol =
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c ' +
        '"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e ' +
        '"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>';
      main.data = Buffer.from(
        xml
          .toString('utf8')
          .replace(/^(<\?xml[^>]*\?>)?/, (m) => m + lol)
          .replace(/<w:t>[^<]*<\/w:t>/, '<w:t>&e;&e;&e;</w:t>'),
      );
    }
  }
  const size = pick(r, [300, 1100]) * MB;
  if (kind === 'zip-bomb-honest')
    members.push({ name: 'word/media/image1.png', data: Buffer.alloc(0), packed: rawBomb(size), size });
  if (kind === 'zip-bomb-lying')
    members.push({
      name: 'word/media/image1.png',
      data: Buffer.alloc(0),
      packed: rawBomb(size),
      size,
      claimed: 40 * 1024,
    });
  if (kind === 'two-lying-bombs')
    for (const n of [1, 2])
      members.push({
        name: `xl/media/image${n}.png`,
        data: Buffer.alloc(0),
        packed: rawBomb(size),
        size,
        claimed: 40 * 1024,
      });
  return { name: kind, data: zip(members) };
}

// ── byte-level damage of any file ─────────────────────────────────────────────

function byteCase(r: Rand, seed: Buffer): { name: string; data: Buffer } {
  const kind = pick(r, ['flip', 'truncate', 'delete-chunk', 'header', 'xref-digits', 'startxref'] as const);
  const b = Buffer.from(seed);
  if (kind === 'flip') for (let i = 0, n = int(r, 1, 50); i < n; i++) b[int(r, 0, b.length - 1)] ^= 1 << int(r, 0, 7);
  if (kind === 'truncate') return { name: kind, data: b.subarray(0, int(r, 1, b.length - 1)) };
  if (kind === 'delete-chunk') {
    const a = int(r, 0, b.length - 2);
    return { name: kind, data: Buffer.concat([b.subarray(0, a), b.subarray(Math.min(b.length, a + int(r, 1, 4096)))]) };
  }
  if (kind === 'header') for (let i = 0; i < 8; i++) b[i] = int(r, 0, 255);
  if (kind === 'xref-digits') {
    const s = b.toString('latin1');
    const x = s.lastIndexOf('xref');
    if (x >= 0)
      for (let i = 0; i < 30; i++) {
        const p = x + int(r, 5, Math.min(400, s.length - x - 1));
        if (b[p] >= 0x30 && b[p] <= 0x39) b[p] = 0x30 + int(r, 0, 9);
      }
  }
  if (kind === 'startxref') {
    const s = b.toString('latin1');
    const x = s.lastIndexOf('startxref');
    if (x >= 0) b.write(String(int(r, 0, 99999999)).padStart(8, '0'), x + 10, 'latin1');
  }
  return { name: kind, data: b };
}

// ── hostile names ───────────────────────────────────────────────────────────────

const GBK_NAME = Buffer.from([0xb2, 0xbf, 0xc3, 0xc5, 0xd4, 0xa4, 0xcb, 0xe3]); // 部门预算 in GBK: not valid UTF-8
function hostileName(r: Rand, base: string, ext: string): Buffer {
  const kind = pick(r, [
    'gbk',
    'newline',
    'semicolon',
    'long',
    'quotes',
    'leading-dash',
    'plain',
    'plain',
    'plain',
  ] as const);
  if (kind === 'gbk') return Buffer.concat([Buffer.from(`${base}-`), GBK_NAME, Buffer.from(ext)]);
  if (kind === 'newline') return Buffer.from(`${base}\nline${ext}`);
  if (kind === 'semicolon') return Buffer.from(`${base};a,b"c${ext}`);
  if (kind === 'long') return Buffer.from(`${base}-${'预'.repeat(70)}${ext}`);
  if (kind === 'quotes') return Buffer.from(`${base}'"\`$(x)${ext}`);
  if (kind === 'leading-dash') return Buffer.from(`--${base}${ext}`);
  return Buffer.from(`${base}${ext}`);
}

// ── main ────────────────────────────────────────────────────────────────────────

export function* mutations(
  seeds: { name: string; data: Buffer }[],
  count: number,
  seed: number,
): Generator<{ name: Buffer; data: Buffer; family: string }> {
  const r = rng(seed);
  const pdfs = seeds.filter((s) => s.data.subarray(0, 5).toString('latin1') === '%PDF-');
  const office = seeds.filter((s) => s.data[0] === 0x50 && s.data[1] === 0x4b);
  const cases = Object.keys(PDF_CASES);
  for (let i = 0; i < count; i++) {
    const tag = String(i).padStart(5, '0');
    const family = pick(r, ['bytes', 'bytes', 'bytes', 'pdf', 'office']);
    let made: { name: string; data: Buffer; ext: string };
    if (family === 'pdf') {
      const c = pick(r, cases);
      made = { name: c, data: PDF_CASES[c](r), ext: '.pdf' };
    } else if (family === 'office' && office.length) {
      const s = pick(r, office);
      const o = officeCase(r, s.data);
      made = { ...o, ext: path.extname(s.name) };
    } else {
      const s = pick(r, pdfs.length ? [...pdfs, ...office] : seeds);
      const o = byteCase(r, s.data);
      made = { ...o, ext: path.extname(s.name) };
    }
    yield {
      name: hostileName(r, `${tag}-${family}-${made.name}`, made.ext),
      data: made.data,
      family: `${family}/${made.name}`,
    };
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [seedDir, outDir, count = '300', seed = '1'] = process.argv.slice(2);
  if (!seedDir || !outDir) {
    console.error('usage: mutate.ts SEED_DIR OUT_DIR [COUNT] [SEED]');
    process.exit(1);
  }
  const seeds = readdirSync(seedDir)
    .filter((f) => /\.(pdf|docx|xlsx)$/i.test(f))
    .map((f) => ({ name: f, data: readFileSync(path.join(seedDir, f)) }));
  mkdirSync(outDir, { recursive: true });
  const outBuf = Buffer.from(outDir);
  const families = new Map<string, number>();
  for (const m of mutations(seeds, Number(count), Number(seed))) {
    // names may not be valid UTF-8: write through a Buffer path
    writeFileSync(Buffer.concat([outBuf, Buffer.from('/'), m.name]), m.data);
    families.set(m.family, (families.get(m.family) ?? 0) + 1);
  }
  console.log(`${count} files in ${outDir}`);
  for (const [f, n] of [...families].sort()) console.log(`  ${f}: ${n}`);
}
