#!/usr/bin/env node
// The `orgwarden` command. Node 22 first (node-22.js): on an older Node the command runs again on Node 22, or says in
// one line how to install it. Then the TypeScript sources run through tsx's loader, resolved from this package.
import { fileURLToPath } from 'node:url';
import { onNode22 } from './node-22.js';

const elsewhere = await onNode22(fileURLToPath(import.meta.url), process.argv.slice(2));
if (elsewhere !== undefined) {
  process.exitCode = elsewhere;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../quiet-sdk-warning.ts');
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
