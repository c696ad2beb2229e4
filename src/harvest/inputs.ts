/** Expand the command line's files and folders into documents with their contract names. */
import { rmSync, type Dirent } from 'node:fs';
import { mkdir, readdir, realpath, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { makeTempDir } from '../util/tempDir.js';
import { unpackZip } from './archives.js';

const DOCUMENT_EXTENSIONS = ['pdf', 'docx', 'doc', 'wps', 'xlsx', 'xls', 'et'];

export interface InputDocument {
  /** where the document is read in this run */
  file: string;
  /**
   * the document's lasting path, where it differs from `file`: a member of a zip
   * (`/in/a.zip/inner.pdf`), a file whose name is not UTF-8 (its name decoded); the dataset keeps
   * inputs by this path across runs
   */
  identity?: string;
  /** relative to the input root given on the command line, `/` separated; a lone file: its name */
  name: string;
}

export async function expandInputs(inputs: string[]): Promise<{ docs: InputDocument[]; missing: string[] }> {
  const docs: InputDocument[] = [];
  const missing: string[] = [];
  const names = new UndecodableNames();
  const archives = new Archives();
  for (const input of inputs) {
    const st = await stat(input).catch(() => null);
    if (!st) {
      missing.push(input);
      continue;
    }
    const found = st.isDirectory()
      ? await documentsIn(input, names, missing)
      : [{ file: input, name: path.basename(input) }];
    for (const d of found) docs.push(...(ARCHIVE.test(d.name) ? await archives.unpack(d) : [d]));
  }
  return { docs, missing };
}

/**
 * A symlink to a folder above it (`loops/self → .`) makes the glob walk the same files again under
 * ever longer paths until the system's limit: a path whose folders resolve to one already on
 * its way down is such a phantom, and dropped. (A second link to a file elsewhere is kept: the
 * harvest reads identical bytes once and lists the other names.)
 */
async function withoutLoops(root: string, rels: string[]): Promise<string[]> {
  const real = new Map<string, Promise<string | null>>();
  const realOf = (dir: string) => {
    let r = real.get(dir);
    if (!r) real.set(dir, (r = realpath(dir).catch(() => null)));
    return r;
  };
  const kept: string[] = [];
  for (const rel of rels) {
    const parts = rel.split(path.sep).slice(0, -1);
    const seen = new Set<string>();
    let loop = false;
    for (let k = 0; k <= parts.length && !loop; k++) {
      const r = await realOf(path.join(root, ...parts.slice(0, k)));
      if (r === null) continue;
      if (seen.has(r)) loop = true;
      seen.add(r);
    }
    if (!loop) kept.push(rel);
  }
  return kept;
}

const REPLACEMENT = '\uFFFD';
const DOCUMENT_NAME = new RegExp(`\\.(?:${DOCUMENT_EXTENSIONS.join('|')})$`, 'i');
const ARCHIVE = /\.zip$/i;

/**
 * The documents under a folder, in name order. tinyglobby (fdir) follows symlinks and stops at a
 * loop; folders whose names are not UTF-8 cannot be entered by name and are walked by their bytes.
 */
async function documentsIn(root: string, names: UndecodableNames, missing: string[]): Promise<InputDocument[]> {
  const common = {
    cwd: root,
    caseSensitiveMatch: false,
    dot: false,
    followSymbolicLinks: true,
    expandDirectories: false,
  };
  const found = await glob(`**/*.{${[...DOCUMENT_EXTENSIONS, 'zip'].join(',')}}`, { ...common, onlyFiles: true });
  const dirs = await glob('**/*', { ...common, onlyDirectories: true });
  const docs: InputDocument[] = [];
  for (const rel of await withoutLoops(root, found.sort())) {
    const name = rel.split(path.sep).join('/');
    if (!rel.includes(REPLACEMENT)) docs.push({ file: path.join(root, rel), name });
    else {
      const resolved = await names.resolve(root, rel);
      if (resolved) docs.push(resolved);
      else missing.push(path.join(root, rel));
    }
  }
  // a folder with an undecodable name: its files were not listed (nothing under it could be read)
  const opaque = (
    await withoutLoops(
      root,
      dirs.map((d) => d.replace(/[/\\]$/, '')),
    )
  ).filter((d) => path.basename(d).includes(REPLACEMENT));
  for (const dir of opaque.filter((d) => !opaque.some((o) => d !== o && d.startsWith(o + path.sep))))
    docs.push(...(await names.walk(root, dir)));
  return docs;
}

/**
 * File names that are not UTF-8 (GBK names from Windows zips and shares are common): the system
 * gives them to Node with their bad bytes replaced, a name no file has. Their real bytes are found
 * in the folder listing, the file is given a UTF-8 alias (a symlink in a temp folder of this
 * process) to be read through, and its contract name is the bytes decoded as GBK (else as UTF-8
 * with the replacement characters).
 */
class UndecodableNames {
  private dir: Promise<string> | undefined;
  private count = 0;

  /** The file at `rel` (as the system listed it, bad bytes replaced) under `root`, or null. */
  async resolve(root: string, rel: string): Promise<InputDocument | null> {
    const found = await this.bytesOf(root, rel);
    return found && { ...(await this.alias(found.bytes, found.name)), identity: path.resolve(root, found.name) };
  }

  /** The path's real bytes, and its name decoded, found by listing each folder on the way. */
  private async bytesOf(root: string, rel: string): Promise<{ bytes: Buffer; name: string } | null> {
    let at = Buffer.from(path.resolve(root));
    const decoded: string[] = [];
    for (const part of rel.split(path.sep)) {
      const entries = await readdir(at, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
      const entry = entries.find((e) => e.toString('utf8') === part);
      if (!entry) return null;
      at = Buffer.concat([at, Buffer.from(path.sep), entry]);
      decoded.push(decodeName(entry));
    }
    return { bytes: at, name: decoded.join('/') };
  }

  /** The documents under the folder `rel` (whose name is not UTF-8), walked by bytes, no symlinks. */
  async walk(root: string, rel: string): Promise<InputDocument[]> {
    const start = await this.bytesOf(root, rel);
    if (!start) return [];
    const out: InputDocument[] = [];
    const visit = async (dir: Buffer, name: string) => {
      const entries: Dirent<Buffer>[] = await readdir(dir, { encoding: 'buffer', withFileTypes: true }).catch(() => []);
      entries.sort((a, b) => Buffer.compare(a.name, b.name));
      for (const e of entries) {
        const full = Buffer.concat([dir, Buffer.from(path.sep), e.name]);
        const child = `${name}/${decodeName(e.name)}`;
        if (e.isDirectory()) await visit(full, child);
        else if (e.isFile() && (DOCUMENT_NAME.test(e.name.toString('latin1')) || ARCHIVE.test(child)))
          out.push({ ...(await this.alias(full, child)), identity: path.resolve(root, child) });
      }
    };
    await visit(start.bytes, start.name);
    return out;
  }

  /** A UTF-8 path (a symlink in this process's temp folder) to the file at `bytes`. */
  private async alias(bytes: Buffer, name: string): Promise<InputDocument> {
    this.dir ??= makeTempDir('names').then((dir) => {
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      return dir;
    });
    const file = path.join(await this.dir, `${++this.count}${path.extname(name)}`);
    await symlink(bytes, file);
    return { file, name };
  }
}

function decodeName(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  if (!utf8.includes(REPLACEMENT)) return utf8;
  try {
    return new TextDecoder('gbk', { fatal: true }).decode(bytes);
  } catch {
    return utf8;
  }
}

/**
 * Zips of disclosures: their documents unpacked into a temp folder of this process (removed at
 * exit), each named `archive.zip/inner/path.pdf` and kept under the lasting path
 * `/in/archive.zip/inner/path.pdf`. A zip that cannot be unpacked stays an input of its own, and
 * fails with its reason (a damaged archive, or past the size limits).
 */
class Archives {
  private dir: Promise<string> | undefined;
  private count = 0;

  async unpack(zip: InputDocument): Promise<InputDocument[]> {
    this.dir ??= makeTempDir('zip').then((dir) => {
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      return dir;
    });
    const into = path.join(await this.dir, String(++this.count));
    await mkdir(into);
    try {
      const members = await unpackZip(zip.file, into, (n) => DOCUMENT_NAME.test(n), decodeName);
      const lasting = path.resolve(zip.identity ?? zip.file);
      return members.map((m) => ({
        file: m.file,
        name: `${zip.name}/${m.inner}`,
        identity: path.join(lasting, ...m.inner.split('/')),
      }));
    } catch {
      await rm(into, { recursive: true, force: true });
      return [zip];
    }
  }
}
