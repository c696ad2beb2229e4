/**
 * On a terminal: failure lines stay whole above the progress bar, and Ctrl-C gives the terminal
 * back (cursor shown, line wrap on), says what happened, exits 130 and leaves the previous
 * dataset in place. The terminal is a real pseudo-terminal, made by util-linux's `script`.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { screenLines } from './screen.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'gongkai.js');

/** Run gongkai on a pseudo-terminal; `interruptWhen` sends Ctrl-C once the output matches it. */
function onTerminal(args: string[], interruptWhen?: RegExp): Promise<{ code: number | null; output: string }> {
  const command = ['node', bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, COLUMNS: '160', LINES: '40' },
  });
  let output = '';
  let sent = false;
  const onData = (d: Buffer) => {
    output += d.toString('utf8');
    if (interruptWhen && !sent && interruptWhen.test(output)) {
      sent = true;
      child.stdin.write('\x03');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

function inputFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-tty-'));
  const input = path.join(dir, 'in');
  mkdirSync(input);
  cpSync(path.join(root, 'tests', 'fixtures', 'bad', 'empty.pdf'), path.join(input, 'empty.pdf'));
  cpSync(path.join(root, 'tests', 'fixtures', 'bad', 'not-a-pdf.pdf'), path.join(input, 'not-a-pdf.pdf'));
  for (const f of ['ruled-final-wanyuan.pdf', 'borderless-final-yuan.pdf', 'budget-three-panel-unnumbered.pdf'])
    cpSync(path.join(root, 'corpus', f), path.join(input, f));
  return dir;
}

describe('on a terminal', () => {
  it('prints every failure line whole above the bar', async () => {
    const dir = inputFolder();
    const run = await onTerminal(['extract', path.join(dir, 'in'), '--out', path.join(dir, 'out'), '--no-db']);
    expect(run.code).toBe(3);
    const screen = screenLines(run.output);
    expect(screen).toContain('gongkai: empty.pdf: empty-file: the file is empty (0 bytes)');
    expect(screen).toContain(
      'gongkai: not-a-pdf.pdf: unsupported-format: not a PDF, Word or Excel document (unrecognized content)',
    );
    expect(run.output).toContain('\x1b[?25h');
  });

  it('Ctrl-C restores the terminal, exits 130 and leaves the previous dataset', async () => {
    const dir = inputFolder();
    const out = path.join(dir, 'out');
    await onTerminal(['extract', path.join(dir, 'in', 'ruled-final-wanyuan.pdf'), '--out', out, '--no-db']);
    const before = readFileSync(path.join(out, 'documents.csv'));
    const run = await onTerminal(['extract', path.join(dir, 'in'), '--out', out, '--no-db', '--force'], /documents \|/);
    expect(run.code).toBe(130);
    const after = run.output.slice(run.output.lastIndexOf('\x03') >= 0 ? run.output.lastIndexOf('\x03') : 0);
    expect(after).toContain('\x1b[?25h');
    expect(after).toContain('\x1b[?7h');
    expect(run.output).toMatch(/interrupted \(SIGINT\)/);
    expect(readFileSync(path.join(out, 'documents.csv'))).toEqual(before);
  });
});
