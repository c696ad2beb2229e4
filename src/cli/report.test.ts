import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { screenLines } from '../../tests/screen.js';
import { reporter } from './report.js';

/** A stream that says it is a terminal, keeping what is written to it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
  Object.assign(stream, { isTTY: true, columns: 120, rows: 30 });
  return { stream, text: () => text };
}

describe('progress bar reporter', () => {
  it('writes a failure line logged just before the bar stops', async () => {
    const term = fakeTerminal();
    const report = reporter('bar', false, (s) => term.stream.write(s), term.stream);
    report.event({ type: 'planned', inputs: 2, hashed: 2, unchanged: 0, todo: 2, resumed: 0, duplicates: 0, jobs: 2 });
    report.event({
      type: 'document',
      name: 'empty.pdf',
      file: '/in/empty.pdf',
      sha256: 'e3b0',
      alsoNamed: [],
      result: {
        document: 'empty.pdf',
        status: 'failed',
        error: { code: 'empty-file', message: 'the file is empty (0 bytes)' },
        pages: 0,
        seconds: 0,
        tables: 0,
        cells: 0,
      },
      done: 1,
      todo: 2,
    });
    // no time for the bar's timer to redraw: the line must still reach the terminal
    report.event({ type: 'writing' });
    await new Promise((r) => setImmediate(r));
    const screen = screenLines(term.text());
    expect(screen).toContain('gongkai: empty.pdf: empty-file: the file is empty (0 bytes)');
    expect(term.text()).toContain('\x1b[?25h');
  });
});
