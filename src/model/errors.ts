/** Typed failures: a stable code plus one human sentence. Never thrown as bare strings. */
export const ERROR_CODES = [
  'not-found',
  'empty-file',
  'unsupported-format',
  'corrupt',
  'encrypted',
  'no-text-layer',
  'no-tables',
  'too-large',
  'timeout',
  'out-of-memory',
  'converter-missing',
  'unsafe-archive',
  'output-unwritable',
  'aborted',
  'queue-unreachable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class GongkaiError extends Error {
  /** `cause`: the error underneath (a library's, a process's), kept for debugging, never shown as the reason */
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GongkaiError';
  }
  /** The one-line form used in documents.csv and on stderr: `code: reason`. */
  toLine(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function asGongkaiError(err: unknown): GongkaiError {
  if (err instanceof GongkaiError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new GongkaiError('internal', msg.split('\n')[0] || 'unexpected failure', { cause: err });
}

/**
 * A reason as one printable line: control characters (a tab from an XML parser, bytes from a
 * damaged archive's names) become spaces or \xNN, so documents.csv and stderr stay one line each.
 */
export function oneLine(text: string): string {
  return (
    text
      .replace(/[\t\r\n]+/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are what is replaced
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .trim()
  );
}
