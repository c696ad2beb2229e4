import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../../tests/fixtures/zipBomb.js';
import { DEFAULT_ZIP_LIMITS } from '../read/office/zip.js';
import { unpackZip } from './archives.js';
import { expandInputs } from './inputs.js';

/** GBK bytes of a name (the code points used here all lie in GB2312's table). */
function gbkBytes(s: string): Buffer {
  // TextDecoder knows GBK (TextEncoder only UTF-8): find each character's two bytes by decoding
  // the GB2312 range once
  const table = new Map<string, Buffer>();
  const dec = new TextDecoder('gbk');
  for (let hi = 0xb0; hi <= 0xf7; hi++)
    for (let lo = 0xa1; lo <= 0xfe; lo++) table.set(dec.decode(Buffer.from([hi, lo])), Buffer.from([hi, lo]));
  return Buffer.concat([...s].map((c) => table.get(c) ?? Buffer.from(c, 'latin1')));
}

function folder(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'gongkai-inputs-'));
}

describe('expandInputs', () => {
  it('lists each file once through symlink loops (two links to folders above them)', async () => {
    const root = folder();
    mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    writeFileSync(path.join(root, 'a', 'b', 'x.pdf'), '%PDF-1.4');
    writeFileSync(path.join(root, 'y.docx'), 'PK');
    symlinkSync('..', path.join(root, 'a', 'b', 'up'));
    symlinkSync('.', path.join(root, 'self'));
    symlinkSync('../..', path.join(root, 'a', 'b', 'top'));
    const { docs, missing } = await expandInputs([root]);
    expect(docs.map((d) => d.name)).toEqual(['a/b/x.pdf', 'y.docx']);
    expect(missing).toEqual([]);
  });

  it('finds files and folders whose names are GBK, not UTF-8, and names them as GBK reads', async () => {
    const root = folder();
    const rootBytes = Buffer.from(root);
    const sep = Buffer.from(path.sep);
    const dir = Buffer.concat([rootBytes, sep, gbkBytes('子目录')]);
    mkdirSync(dir);
    writeFileSync(Buffer.concat([rootBytes, sep, gbkBytes('部门决算.pdf')]), 'one');
    writeFileSync(Buffer.concat([dir, sep, gbkBytes('预算.pdf')]), 'two');
    copyFileSync(Buffer.concat([dir, sep, gbkBytes('预算.pdf')]), Buffer.concat([dir, sep, Buffer.from('plain.pdf')]));
    const { docs, missing } = await expandInputs([root]);
    expect(missing).toEqual([]);
    expect(docs.map((d) => d.name).sort()).toEqual(['子目录/plain.pdf', '子目录/预算.pdf', '部门决算.pdf']);
    // each is read through a path Node can open, to the right bytes
    const byName = new Map(docs.map((d) => [d.name, readFileSync(d.file, 'utf8')]));
    expect(byName.get('部门决算.pdf')).toBe('one');
    expect(byName.get('子目录/预算.pdf')).toBe('two');
  });

  it('reads the documents inside a zip, named archive/member, UTF-8 or GBK member names', async () => {
    const root = folder();
    mkdirSync(path.join(root, 'county'));
    const zip = zipOf([
      { name: '2024/部门决算.pdf', data: Buffer.from('one') },
      { name: gbkBytes('预算.PDF'), data: Buffer.from('two') },
      { name: 'readme.txt', data: Buffer.from('not a document') },
    ]);
    writeFileSync(path.join(root, 'county', 'batch.zip'), zip);
    writeFileSync(path.join(root, 'alone.zip'), zipOf([{ name: 'x.docx', data: Buffer.from('three') }]));
    const { docs } = await expandInputs([path.join(root, 'county'), path.join(root, 'alone.zip')]);
    expect(docs.map((d) => [d.name, readFileSync(d.file, 'utf8')])).toEqual([
      ['batch.zip/2024/部门决算.pdf', 'one'],
      ['batch.zip/预算.PDF', 'two'],
      ['alone.zip/x.docx', 'three'],
    ]);
    // each kept under a lasting path inside the archive's, not where it was unpacked this run
    expect(docs[0].identity).toBe(path.join(root, 'county', 'batch.zip', '2024', '部门决算.pdf'));
  });

  it('stops a member that inflates past the limit, whether its header says so or lies', async () => {
    const root = folder();
    const big = Buffer.alloc(2 * 2 ** 20, 0x20);
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntry: 2 ** 20 };
    const honest = path.join(root, 'honest.zip');
    const lying = path.join(root, 'lying.zip');
    writeFileSync(honest, zipOf([{ name: 'a.pdf', data: big }]));
    writeFileSync(lying, zipOf([{ name: 'a.pdf', data: big, claimedSize: 1000 }]));
    const keep = () => true;
    const name = (b: Buffer) => b.toString('utf8');
    await expect(unpackZip(honest, root, keep, name, limits)).rejects.toMatchObject({ code: 'unsafe-archive' });
    await expect(unpackZip(lying, root, keep, name, limits)).rejects.toMatchObject({ code: 'corrupt' });
    // a damaged archive stays an input of its own (it then fails with a coded reason)
    writeFileSync(path.join(root, 'broken.zip'), Buffer.from('PK\x03\x04 not really'));
    const { docs } = await expandInputs([path.join(root, 'broken.zip')]);
    expect(docs.map((d) => d.name)).toEqual(['broken.zip']);
  });
});
