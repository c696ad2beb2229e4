/**
 * What a terminal shows, line by line: carriage returns and cursor-to-column-1 move back to the
 * line's start, later text overwrites earlier text, erase sequences clear (a small emulator).
 */
export function screenLines(output: string): string[] {
  return output.split('\n').map((raw) => {
    let line: string[] = [];
    let col = 0;
    // eslint-disable-next-line no-control-regex -- the escape sequences are what a terminal reads
    const re = /\x1b\[([0-9;?]*)([A-Za-z])|\r|([^\x1b\r])/gu;
    for (const m of raw.matchAll(re)) {
      if (m[0] === '\r' || (m[2] === 'G' && (m[1] === '' || m[1] === '1'))) col = 0;
      else if (m[2] === 'K') line = m[1] === '2' ? [] : line.slice(0, col);
      else if (m[2] === 'J') line = line.slice(0, col);
      else if (m[3] !== undefined) line[col++] = m[3];
    }
    return line.join('');
  });
}
