/** gongkai's library API. */
// the flow runs in a thread of gongkai's: importing or calling the library leaves the caller's globals as they were
export { extract } from './pipeline/isolated.js';
export type { ExtractOptions, ExtractStage } from './pipeline/options.js';
export {
  harvest,
  type HarvestOptions,
  type HarvestEvent,
  type HarvestSummary,
  type DocumentRunner,
  type PlannedDocument,
} from './harvest/harvest.js';
export type { InputDocument } from './harvest/inputs.js';
export { expandInputs } from './harvest/inputs.js';
export { DocumentResult, Table, Cell, CheckResult, NarrativeFigure } from './model/schema.js';
export { RULES, type Rule } from './check/rules.js';
export { runChecks } from './check/runChecks.js';
export { narrativeFigures, NARRATIVE_PHRASES } from './normalize/narrative.js';
export { GongkaiError, type ErrorCode } from './model/errors.js';
export { parseAmount } from './normalize/amount.js';
export { CATALOG } from './locate/catalog.js';
export type { CatalogEntry } from './model/draft.js';
