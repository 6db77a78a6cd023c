import * as esbuild from 'esbuild';
const [entry, filter] = process.argv.slice(2);
const r = await esbuild.build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node22', mainFields: ['module','main'], write: false, metafile: true, outfile: '/tmp/ow/out.mjs',
  alias: { '@aws-sdk/credential-provider-node': './shared/adapters/lambda/credential-provider.ts' }, logLevel: 'error' });
const out = Object.values(r.metafile.outputs)[0];
console.log('total', out.bytes);
for (const [f,v] of Object.entries(out.inputs).filter(([f])=>f.includes(filter)).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,25)) console.log(String(v.bytesInOutput).padStart(8), f);
