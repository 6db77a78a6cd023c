#!/usr/bin/env node
// The `orgwarden` command: TypeScript sources run through tsx's loader, resolved from this package.
import { register } from 'tsx/esm/api';

register();
// The AWS SDK warns on every start that Node 20 support ends in 2027; the local tool runs on the
// machine's Node (Lambda runs nodejs22.x), so that one warning is noise here.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning' || String(warning).includes('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
