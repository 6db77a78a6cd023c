// The import graph's rules, checked by `npm run lint` (dependency-cruiser over functions/ and shared/).
// Type-only imports count: a cycle of types still ties the files together for a reader and a refactor.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: break it by moving what both sides need to a third module (or into one side).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-local-in-product',
      comment: 'Product code (functions/, shared/ outside shared/local/) never imports shared/local/ (never shipped).',
      severity: 'error',
      from: { path: '^(functions|shared)/', pathNot: '^shared/local/' },
      to: { path: '^shared/local/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
