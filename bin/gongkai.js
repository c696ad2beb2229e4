#!/usr/bin/env node
import { main } from '../dist/src/cli/cli.js';

// a reader that stops early (`gongkai rules | head`) is not a failure of ours
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`gongkai: internal: ${err?.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
