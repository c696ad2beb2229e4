/** gongkai's library API. */
export { extract, type ExtractOptions } from './pipeline/extract.js';
export { DocumentResult, Table, Cell, CheckResult, NarrativeFigure } from './schema.js';
export { RULES, type Rule } from './check/rules.js';
export { runChecks } from './check/runChecks.js';
export { narrativeFigures, NARRATIVE_PHRASES } from './normalize/narrative.js';
export { GongkaiError, type ErrorCode } from './errors.js';
export { parseAmount } from './normalize/amount.js';
export { CATALOG, type CatalogEntry } from './locate/catalog.js';
