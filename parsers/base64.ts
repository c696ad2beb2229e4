/**
 * `Uint8Array.prototype.toBase64` on Node's own base64 encoder. Node 20 has no native one, and
 * pdf.js's core-js installs one written in JavaScript that builds the string a character at a
 * time; pdf.js calls it once per font to write the font's CSS rule (see NO_FONT_DOCUMENT in
 * pdf.ts), and that alone made a quarter of everything allocated over the real documents.
 * `useBufferBase64` installs this one in a process that is ours (the harvest's workers).
 */

interface Base64Options {
  alphabet?: 'base64' | 'base64url';
  omitPadding?: boolean;
}

/** The TC39 Uint8Array.prototype.toBase64 (options `alphabet` and `omitPadding`). */
export function toBase64(this: Uint8Array, options?: Base64Options): string {
  if (!(this instanceof Uint8Array)) throw new TypeError('Uint8Array.prototype.toBase64 called on an object that is not a Uint8Array');
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('options must be an object');
  const alphabet = options?.alphabet ?? 'base64';
  if (alphabet !== 'base64' && alphabet !== 'base64url') throw new TypeError(`unknown alphabet: ${String(alphabet)}`);
  if ((this.buffer as ArrayBuffer & { detached?: boolean }).detached) throw new TypeError('the buffer is detached');
  let s = Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString(alphabet);
  // Node pads base64 and never pads base64url
  if (alphabet === 'base64' && options?.omitPadding) s = s.replace(/=+$/, '');
  else if (alphabet === 'base64url' && !options?.omitPadding) s += '='.repeat((4 - (s.length % 4)) % 4);
  return s;
}

export function useBufferBase64(): void {
  Object.defineProperty(Uint8Array.prototype, 'toBase64', { value: toBase64, writable: true, configurable: true, enumerable: false });
}
