import { describe, expect, it } from 'vitest';
import { oneLine } from './errors.js';

describe('oneLine', () => {
  it('makes any reason one printable line', () => {
    expect(oneLine('[xmldom warning]\tunclosed xml attribute\n@#[line:1]')).toBe(
      '[xmldom warning] unclosed xml attribute @#[line:1]',
    );
    expect(oneLine('name a\u0001b\u007f')).toBe('name a\\x01b\\x7f');
  });
});
