import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };
/** Results from another tool version are redone on a re-run. */
export const TOOL_VERSION: string = pkg.version;
