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

/**
 * The AWS SDK clients describe every shape of their service in one module (`schemas/schemas_0.js`), as
 * arrays whose trait objects use computed keys naming module constants (`{ [_jN]: "x" }`, with
 * `const _jN = "jsonName"`). esbuild cannot prove such a key free of side effects, so it keeps every
 * shape of the service, used or not: Macie's 100 KiB of schemas went whole into a bundle that calls
 * three operations. Each computed key naming a string constant of the same module is written as that
 * string (`{ "jsonName": "x" }`, the same object), and unused shapes are left out. A known regression
 * of the SDK (aws/aws-sdk-js-v3#7607); smithy-lang/smithy-typescript#1889, open, makes the generator
 * write literal keys: once released, this rewrite finds no computed key to change.
 */
const treeShakableSchemas = {
  name: 'orgwarden-tree-shakable-schemas',
  setup(build) {
    const { readFile } = require('node:fs/promises');
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.+[\\/])?schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const strings = new Map([...source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)].map((m) => [m[1], m[2]]));
      const contents = source.replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key));
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Each AWS SDK client declares every error of its service as a class of the same generated template
 * (`models/errors.js`, about 300 bytes minified each), and its schemas register them all, so a bundle
 * carries every error class of every client it uses: 35 KiB for Organizations, DynamoDB, SQS and
 * EventBridge. The module is rewritten as one factory building the same classes (name, fault,
 * retryability, members, and the shape id where the client declares one: `instanceof` and the SDK's
 * error deserialisation see no difference). The rewrite is made only when the module is exactly the
 * template (parsed, printed back and compared); any other module is left as it is.
 * test/infra/esbuild-plugins.test.ts checks both.
 */
const CLASS =
  /^export class (\w+) extends __BaseException \{\n(?: {4}static shapeId = ("[^"\\\n]+");\n)? {4}name = "\1";\n {4}\$fault = "(client|server)";\n(?: {4}\$retryable = (\{[^\n]*\});\n)?((?: {4}\w+;\n)*) {4}constructor\(opts\) \{\n {8}super\(\{\n {12}name: "\1",\n {12}\$fault: "\3",\n {12}\.\.\.opts,\n {8}\}\);\n {8}Object\.setPrototypeOf\(this, \1\.prototype\);\n((?: {8}this\.\w+ = opts\.\w+;\n)*) {4}\}\n\}\n/gm;

/** The error classes of a `models/errors.js` module, or undefined unless it is exactly the template. */
function parseErrorClasses(source) {
  const header = source.match(/^import \{ (\w+) as __BaseException \} from "(\.\/\w+)";\n/);
  if (!header) return undefined;
  const classes = [...source.slice(header[0].length).matchAll(CLASS)].map((m) => ({
    name: m[1],
    shapeId: m[2],
    fault: m[3],
    retryable: m[4],
    members: m[5].split('\n').filter(Boolean).map((line) => line.trim().slice(0, -1)),
  }));
  const printed =
    header[0] +
    classes
      .map(
        (c) =>
          `export class ${c.name} extends __BaseException {\n` +
          (c.shapeId === undefined ? '' : `    static shapeId = ${c.shapeId};\n`) +
          `    name = "${c.name}";\n    $fault = "${c.fault}";\n` +
          (c.retryable === undefined ? '' : `    $retryable = ${c.retryable};\n`) +
          c.members.map((m) => `    ${m};\n`).join('') +
          `    constructor(opts) {\n        super({\n            name: "${c.name}",\n            $fault: "${c.fault}",\n            ...opts,\n        });\n        Object.setPrototypeOf(this, ${c.name}.prototype);\n` +
          c.members.map((m) => `        this.${m} = opts.${m};\n`).join('') +
          '    }\n}\n',
      )
      .join('');
  // The members assigned are printed from the members declared: a class assigning others differs.
  return printed === source && classes.length > 0 ? { base: header[1], from: header[2], classes } : undefined;
}

/** The same classes, built by one factory (shape ids `<namespace>#<name>` are formed, not spelled). */
function printCompactErrorClasses({ base, from, classes }) {
  const namespace = classes.map((c) => c.shapeId && JSON.parse(c.shapeId).split('#')[0]).find(Boolean) ?? '';
  const shapeIdArgument = (c) =>
    c.shapeId === undefined ? 'null' : JSON.parse(c.shapeId) === `${namespace}#${c.name}` ? 'undefined' : c.shapeId;
  const argumentsOf = (c) => {
    const all = [`"${c.name}"`, `"${c.fault}"`, `[${c.members.map((m) => `"${m}"`).join(', ')}]`, shapeIdArgument(c)];
    if (c.retryable !== undefined) all.push(`() => (${c.retryable})`);
    while (all.at(-1) === 'undefined') all.pop();
    return all.join(', ');
  };
  return (
    `import { ${base} as __BaseException } from "${from}";\n` +
    `const exception = (name, $fault, members, shapeId = ${JSON.stringify(namespace + '#')} + name, retryable) => {\n` +
    '  const C = { [name]: class extends __BaseException {\n' +
    '    constructor(opts) {\n' +
    '      super({ name, $fault, ...opts });\n' +
    '      this.name = name;\n      this.$fault = $fault;\n' +
    '      if (retryable !== undefined) this.$retryable = retryable();\n' +
    '      Object.setPrototypeOf(this, C.prototype);\n' +
    '      for (const member of members) this[member] = opts[member];\n' +
    '    }\n  } }[name];\n' +
    '  if (shapeId !== null) C.shapeId = shapeId;\n  return C;\n};\n' +
    classes.map((c) => `export const ${c.name} = /* @__PURE__ */ exception(${argumentsOf(c)});\n`).join('')
  );
}

const compactErrorClasses = {
  name: 'orgwarden-compact-error-classes',
  setup(build) {
    const { readFile } = require('node:fs/promises');
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]models[\\/]errors\.js$/ }, async (args) => {
      const parsed = parseErrorClasses(await readFile(args.path, 'utf8'));
      return parsed ? { contents: printCompactErrorClasses(parsed), loader: 'js' } : undefined;
    });
  },
};

/**
 * Modules of the AWS SDK that only run where a Lambda function never is, each replaced by a small
 * module with the same exports (about 14 KB of every bundle). What each original does on Lambda, and
 * what its replacement does instead:
 * - `Sha256Js`, `Md5Js`: the pure-JavaScript hashes the SDK falls back to when Node's crypto lacks
 *   the algorithm; Lambda's Node has both. The replacement throws if it is ever constructed.
 * - `getInstanceMetadataRegion`: asks EC2's instance metadata service for the region when none is
 *   configured; Lambda has no such service (and sets AWS_REGION; orgwarden passes the region to every
 *   client). The replacement answers what the original answers when the service is unreachable,
 *   `undefined`, without the one-second wait.
 * - `loadSharedConfigFiles`: reads ~/.aws/config and ~/.aws/credentials; a Lambda function has
 *   neither. The replacement answers what the original answers when both files are missing.
 * - `SignatureV4MultiRegion`: EventBridge's signer, which signs for region `*` (SigV4a, global
 *   endpoints) only when @aws-sdk/signature-v4-crt or @aws-sdk/signature-v4a is loaded; orgwarden
 *   loads neither (and uses no global endpoint). The replacement signs every other region with the
 *   same SigV4 signer, refuses `*` and says no SigV4a implementation is loaded, as the original does
 *   without those packages.
 * - `sdkStreamMixin`: wraps an output that is a stream (S3's GetObject, say); no operation of the
 *   services orgwarden calls streams its output. The replacement throws if it is ever called.
 * - `AdaptiveRetryStrategy`: the retry mode `adaptive` (AWS_RETRY_MODE or a config file); orgwarden's
 *   config refuses that mode at cold start (shared/config/config.ts), and the replacement throws if
 *   it is ever constructed.
 * The build fails if an original's exports no longer match its replacement's (an SDK update that
 * moved or renamed them), rather than bundling a module that lost an export.
 */
const notOnLambda = (what) => `() => { throw new Error(${JSON.stringify(`orgwarden: ${what} is not bundled (shared/infra/esbuild-plugins.cjs, orgwarden-lambda-environment)`)}); }`;
const LAMBDA_ENVIRONMENT = [
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]checksum[\\/]sha256[\\/]Sha256Js\.js$/,
    contents: `const refuse = ${notOnLambda("SHA-256 in JavaScript (Node's crypto has it)")};\nexport class Sha256Js { constructor() { refuse(); } }\n`,
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]checksum[\\/]md5[\\/]Md5Js\.js$/,
    contents: `const refuse = ${notOnLambda("MD5 in JavaScript (Node's crypto has it)")};\nexport class Md5Js { constructor() { refuse(); } }\n`,
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]config[\\/]config-resolver[\\/]regionConfig[\\/]getInstanceMetadataRegion\.js$/,
    contents: 'export const getInstanceMetadataRegion = async () => undefined;\n',
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]config[\\/]shared-ini-file-loader[\\/]loadSharedConfigFiles\.js$/,
    contents: 'export { CONFIG_PREFIX_SEPARATOR } from "./constants";\nexport const loadSharedConfigFiles = async () => ({ configFile: {}, credentialsFile: {} });\n',
  },
  {
    file: /[\\/]@aws-sdk[\\/]signature-v4-multi-region[\\/]dist-es[\\/]SignatureV4MultiRegion\.js$/,
    contents:
      'import { SignatureV4SignWithCredentials } from "./SignatureV4SignWithCredentials";\n' +
      `const refuse = ${notOnLambda('SigV4a signing (region "*", EventBridge global endpoints)')};\n` +
      'export class SignatureV4MultiRegion {\n' +
      // EventBridge's auth scheme provider asks which SigV4a implementation is loaded (to fall back to
      // SigV4 when none is): none, as the original answers without the optional packages.
      '    static sigv4aDependency() { return "none"; }\n' +
      '    constructor(options) { this.sigv4Signer = new SignatureV4SignWithCredentials(options); }\n' +
      '    async sign(request, options = {}) { return options.signingRegion === "*" ? refuse() : this.sigv4Signer.sign(request, options); }\n' +
      '    async signWithCredentials(request, credentials, options = {}) { return options.signingRegion === "*" ? refuse() : this.sigv4Signer.signWithCredentials(request, credentials, options); }\n' +
      '    async presign(request, options = {}) { return options.signingRegion === "*" ? refuse() : this.sigv4Signer.presign(request, options); }\n' +
      '    async presignWithCredentials(request, credentials, options = {}) { return options.signingRegion === "*" ? refuse() : this.sigv4Signer.presignWithCredentials(request, credentials, options); }\n' +
      '}\n',
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]sdk-stream-mixin\.js$/,
    contents: `const refuse = ${notOnLambda('a streamed output (no operation orgwarden calls streams)')};\nexport const sdkStreamMixin = () => refuse();\n`,
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]retry[\\/]util-retry[\\/]AdaptiveRetryStrategy\.js$/,
    contents: `const refuse = ${notOnLambda('the adaptive retry mode')};\nexport class AdaptiveRetryStrategy { constructor() { refuse(); } }\n`,
  },
];

/** The names a module exports (the declarations and export lists the SDK's ES modules use; `*` for a wholesale re-export). */
function exportNames(source) {
  const names = [...source.matchAll(/^export (?:async )?(?:const|let|var|function\*?|class) (\w+)/gm)].map((m) => m[1]);
  for (const m of source.matchAll(/^export \{([^}]*)\}/gm)) names.push(...m[1].split(',').map((part) => part.trim().split(/\s+as\s+/).pop()).filter(Boolean));
  // Names re-exported wholesale cannot be read here: such a module never matches a replacement.
  if (/^export \*/m.test(source)) names.push('*');
  return [...new Set(names)].sort();
}

const lambdaEnvironment = {
  name: 'orgwarden-lambda-environment',
  setup(build) {
    const { readFile } = require('node:fs/promises');
    const { dirname } = require('node:path');
    for (const { file, contents } of LAMBDA_ENVIRONMENT) {
      build.onLoad({ filter: file }, async (args) => {
        const original = exportNames(await readFile(args.path, 'utf8'));
        const replacement = exportNames(contents);
        if (original.join() !== replacement.join()) {
          throw new Error(`orgwarden-lambda-environment: ${args.path} exports ${original.join(', ')}, its replacement ${replacement.join(', ')}: update the replacement`);
        }
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    }
  },
};

module.exports = [noEventStreams, slimPackageJson, treeShakableSchemas, compactErrorClasses, lambdaEnvironment];
module.exports.parseErrorClasses = parseErrorClasses;
module.exports.printCompactErrorClasses = printCompactErrorClasses;
module.exports.LAMBDA_ENVIRONMENT = LAMBDA_ENVIRONMENT;
module.exports.exportNames = exportNames;
