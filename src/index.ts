/** gongkai's library API. */
export { extract, type ExtractOptions } from './pipeline/extract.js';
export { DocumentResult, Table, Cell, CheckResult } from './schema.js';
export { GongkaiError, type ErrorCode } from './errors.js';
export { parseAmount } from './normalize/amount.js';
export { CATALOG, type CatalogEntry } from './locate/catalog.js';
