import type { CheckResult, DocumentResult } from '../schema.js';
/** Placeholder until the rule catalog lands (issue 4): no rule, no result. */
export function runChecks(_doc: DocumentResult): CheckResult[] {
  return [];
}
