/** Run every rule on a document; the results go into the JSON, checks.csv and the status. */
import type { CheckResult } from '../model/schema.js';
import { comparisonStatus, RULES, show, type CheckInput } from './rules.js';

/** The check stage: every rule of the catalog run on a document's tables and narrative figures. */
export function runChecks(doc: CheckInput): CheckResult[] {
  const out: CheckResult[] = [];
  for (const rule of RULES) {
    for (const c of rule.run(doc)) {
      const diff = c.actual - c.expected;
      const status = comparisonStatus(c);
      out.push({
        rule: rule.id,
        status,
        tables: c.tables,
        expected: show(c.expected),
        actual: show(c.actual),
        difference: show(diff),
        message:
          status === 'pass'
            ? c.message.replace('≠', '=')
            : `${c.message}: expected ${show(c.expected)}, found ${show(c.actual)} (off by ${show(diff)})`,
        cells: [
          ...c.cells.map((x) => ({
            table: x.table,
            row: `${x.row_code ? x.row_code + ' ' : ''}${x.row_name}`,
            column: x.column,
            value: x.value,
            page: x.page,
          })),
          ...(c.refs ?? []),
        ],
      });
    }
  }
  return out;
}
