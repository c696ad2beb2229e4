/** The score reconstruct's chooseReading ranks candidate readings by: the table's failing checks. */
import type { TableDraft } from '../model/draft.js';
import { numberTables } from '../reconstruct/buildTable.js';
import { runChecks } from './runChecks.js';

/** Failing checks of one table read on its own. */
export function failingChecks(draft: TableDraft): number {
  const tables = numberTables([draft], draft.unit ?? '万元').value;
  return runChecks({ tables, narrative: [] }).filter((c) => c.status === 'fail').length;
}
