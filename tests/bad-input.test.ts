/** Bad input gets a coded one-line reason, and the batch goes on. */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bad = path.join(root, 'tests', 'fixtures', 'bad');

describe('bad input', () => {
  it.each([
    ['empty.pdf', 'empty-file'],
    ['not-a-pdf.pdf', 'unsupported-format'],
    ['truncated.pdf', 'corrupt'],
    ['encrypted.pdf', 'encrypted'],
    ['no-tables.pdf', 'no-tables'],
    ['blank-pages.pdf', 'no-text-layer'],
    ['zip-bomb.docx', 'unsafe-archive'],
  ])('%s fails with %s', async (file, code) => {
    const doc = await extract(path.join(bad, file));
    expect(doc.status).toBe('failed');
    expect(doc.error?.code).toBe(code);
    expect(doc.error?.message).not.toContain('\n');
  });

  it('the CLI finishes the batch, reports each failure and exits 3', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-batch-'));
    cpSync(bad, path.join(dir, 'in', 'bad'), { recursive: true });
    cpSync(path.join(root, 'corpus', 'ruled-final-wanyuan.pdf'), path.join(dir, 'in', 'good.pdf'));
    const out = path.join(dir, 'out');
    const run = promisify(execFile);
    const res = await run('node', [
      path.join(root, 'bin', 'gongkai.js'),
      'extract',
      path.join(dir, 'in'),
      '--out',
      out,
    ]).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/bad\/encrypted\.pdf: encrypted: /);
    const docs = readFileSync(path.join(out, 'documents.csv'), 'utf8').trim().split('\n');
    expect(docs[0]).toBe(
      'document,kind,year,entity,unit,status,error,tables,checks_failed,pages,sha256,seconds,' +
        'text_source,format,warnings,ocr_pages,also_named',
    );
    expect(docs).toHaveLength(1 + 8);
    expect(docs.find((l) => l.startsWith('good.pdf,'))).toMatch(
      /^good\.pdf,决算,2024,示例县统计局,万元,(ok|warnings),,7,/,
    );
    const cells = readFileSync(path.join(out, 'cells.csv'), 'utf8');
    expect(cells.split('\n')[0]).toBe(
      '\ufeffdocument,table,title,panel,row_code,row_name,column,value,unit,page,bbox,source,confidence,' +
        'measure,basis,value_yuan,subject_code,sha256',
    );
    expect(cells).toContain('good.pdf,01,收入支出决算总表,收入,,一、一般公共预算财政拨款收入,决算数,');
  });

  it('the CLI exits 0, quietly, when its reader stops early (gongkai rules | head -1)', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'gongkai.js'), 'rules'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // the reader is gone before the CLI writes a line (it takes ~0.1 s to start)
    child.stdout.destroy();
    const code = await new Promise((r) => child.on('exit', r));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
