// esbuild plugins of the packaging (serverless.yml, custom.esbuild.plugins): what the functions never
// run is left out of their bundles. Measured by `npm run bench` (bundle sizes); checked on the
// packaged bundles by test/infra/bundles.test.ts.
'use strict';

/**
 * @smithy/core's HTTP protocols load their event-stream support with a dynamic import, so a bundle
 * carries it (about 15 KiB minified) although none of the services orgwarden calls (Organizations,
 * DynamoDB, EventBridge, SQS, Security IR, Macie) has an event-stream operation. The dynamic import
 * alone is replaced by a module that throws if it is ever reached: a static import of the same
 * module (by a client that needs it) still gets the real one.
 */
const noEventStreams = {
  name: 'orgwarden-no-event-streams',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: 'orgwarden-no-event-streams', namespace: 'orgwarden-stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'orgwarden-stub' }, () => ({
      contents:
        "const missing = () => { throw new Error('orgwarden: event streams are not bundled (no service orgwarden calls uses them): see shared/infra/esbuild-plugins.cjs'); };\n" +
        'export const EventStreamSerde = missing;\nexport const eventStreamSerdeProvider = missing;\n',
      loader: 'js',
    }));
  },
};

/**
 * The AWS SDK clients import their whole package.json (about 2 KiB each) to read one field, the
 * version they report in the User-Agent: only the name and version are kept.
 */
const slimPackageJson = {
  name: 'orgwarden-slim-package-json',
  setup(build) {
    const { readFile } = require('node:fs/promises');
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

module.exports = [noEventStreams, slimPackageJson];
