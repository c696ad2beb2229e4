/**
 * What a stage has to say about its reading, typed: a stable code, a severity, one human sentence,
 * and where it applies. Stages return their messages with their value (`Result`, as mammoth.js
 * does) instead of pushing strings into a shared document; the pipeline renders them into the
 * output contract's `warnings` / `notes` text and decides the status from the severities.
 */

/** `warning`: a doubt about the reading (the document's status becomes `warnings`); `info`: a note. */
export type Severity = 'warning' | 'info';

export interface Message {
  code: string;
  severity: Severity;
  text: string;
  /** the page it concerns, 1-based */
  page?: number;
  /** the table it concerns, by its number ('01') */
  table?: string;
}

/** A stage's value and what it has to say about it. */
export interface Result<T> {
  value: T;
  messages: Message[];
}

export function warning(code: string, text: string, where: Pick<Message, 'page' | 'table'> = {}): Message {
  return { code, severity: 'warning', text, ...where };
}

export function info(code: string, text: string, where: Pick<Message, 'page' | 'table'> = {}): Message {
  return { code, severity: 'info', text, ...where };
}

/** Whether any message is a doubt about the reading. */
export function hasWarnings(messages: Message[]): boolean {
  return messages.some((m) => m.severity === 'warning');
}
