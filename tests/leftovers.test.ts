/**
 * A scan read by OCR, from the command line and through the library, leaves nothing behind: no
 * file in TMPDIR, none in the user's home (onnxruntime's telemetry would write a device id under
 * ~/.cache and a session file in TMPDIR, and try to upload).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCANS, scanPdf } from './fixtures/scan.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'gongkai-leftovers-'));
const scan = path.join(work, 'scan.pdf');
writeFileSync(scan, scanPdf(readFileSync(path.join(root, 'corpus', `${SCANS[0].name}.pdf`)), SCANS[0].style));

/** Everything under `dir`, as paths relative to it. */
function contents(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** A fresh TMPDIR and HOME for one run, without the caller's telemetry settings. */
function freshEnv(name: string): { env: NodeJS.ProcessEnv; tmp: string; home: string } {
  const tmp = path.join(work, name, 'tmp');
  const home = path.join(work, name, 'home');
  mkdirSync(tmp, { recursive: true });
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, HOME: home };
  delete env.ORT_DISABLE_TELEMETRY;
  delete env.XDG_CACHE_HOME;
  return { env, tmp, home };
}

describe('what a run leaves behind', () => {
  it('the command line: the dataset, and nothing in TMPDIR or HOME', () => {
    const { env, tmp, home } = freshEnv('cli');
    const out = path.join(work, 'cli', 'out');
    execFileSync(process.execPath, [path.join(root, 'bin', 'gongkai.js'), 'extract', scan, '--out', out, '-q'], {
      env,
      stdio: 'ignore',
    });
    const docs = readFileSync(path.join(out, 'documents.csv'), 'utf8');
    expect(docs).toMatch(/scan\.pdf,.*,(ok|warnings),/);
    expect(contents(tmp)).toEqual([]);
    expect(contents(home)).toEqual([]);
  }, 300_000);

  it('the library: a result, and nothing in TMPDIR or HOME', () => {
    const { env, tmp, home } = freshEnv('library');
    const script = `
      const { extract } = await import(${JSON.stringify(path.join(root, 'src', 'index.ts'))});
      const r = await extract(${JSON.stringify(scan)});
      console.log(JSON.stringify({ status: r.status, source: r.text_source }));
    `;
    // tsx, which runs the library from its source here, would cache what it compiles in TMPDIR
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...env, TSX_DISABLE_CACHE: '1' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toMatchObject({ source: 'ocr' });
    expect(contents(tmp)).toEqual([]);
    expect(contents(home)).toEqual([]);
  }, 300_000);
});
