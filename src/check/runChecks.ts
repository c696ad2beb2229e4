/** Run every rule on a document; the results go into the JSON, checks.csv and the status. */
import type { CheckResult } from '../model/schema.js';
import { RULES, show, type CheckInput } from './rules.js';
import { ROUNDING_STEP_BY_DECIMALS } from './settings.js';

/**
 * The rounding step of the printed figures, in units of 0.0001: 0.01 for two decimals, 1 for whole
 * yuan (a 元 table printed without decimals rounds each figure to the yuan).
 */
function roundingStep(values: string[]): bigint {
  const decimals = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  return ROUNDING_STEP_BY_DECIMALS[Math.min(decimals, ROUNDING_STEP_BY_DECIMALS.length - 1)];
}

/** The check stage: every rule of the catalog run on a document's tables and narrative figures. */
export function runChecks(doc: CheckInput): CheckResult[] {
  const out: CheckResult[] = [];
  for (const rule of RULES) {
    for (const c of rule.run(doc)) {
      const diff = c.actual - c.expected;
      const abs = diff < 0n ? -diff : diff;
      const tolerance = c.tolerance ?? roundingStep(c.cells.map((x) => x.value)) * BigInt(c.summands);
      const status = abs === 0n ? 'pass' : abs <= tolerance ? 'rounding' : 'fail';
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
