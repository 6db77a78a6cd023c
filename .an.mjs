import * as esbuild from 'esbuild';
const [entry, ...rest] = process.argv.slice(2);
const r = await esbuild.build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node22', mainFields: ['module','main'], write: false, metafile: true, outfile: '/tmp/ow/out.mjs',
  alias: { '@aws-sdk/credential-provider-node': './shared/adapters/lambda/credential-provider.ts' }, logLevel: 'error' });
const out = Object.values(r.metafile.outputs)[0];
console.log('total', out.bytes, (out.bytes/1024).toFixed(0)+'KiB');
