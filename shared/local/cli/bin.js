#!/usr/bin/env node
// The `orgwarden` command: TypeScript sources run through tsx's loader, resolved from this package.
import { register } from 'tsx/esm/api';

register();
await import('../quiet-sdk-warning.ts');
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
