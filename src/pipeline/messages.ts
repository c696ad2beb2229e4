/** Messages → the output contract's text: a document's `warnings` and `notes`. */
import type { Message } from '../model/message.js';

/**
 * Document-level warnings first, then every table's warnings as `table NN: …` (a table's own
 * messages are already its notes); document-level info messages are the notes.
 */
export function renderMessages(messages: Message[]): { warnings: string[]; notes: string[] } {
  const own = messages.filter((m) => m.table === undefined);
  const tables = messages.filter((m) => m.table !== undefined && m.severity === 'warning');
  return {
    warnings: [
      ...own.filter((m) => m.severity === 'warning').map((m) => m.text),
      ...tables.map((m) => `table ${m.table}: ${m.text}`),
    ],
    notes: own.filter((m) => m.severity === 'info').map((m) => m.text),
  };
}
