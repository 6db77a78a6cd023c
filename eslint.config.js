import { dirname, isAbsolute, relative, resolve } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// shared/local is the local tooling (emulators, stack, CLI, build-time code generation): never shipped. The rule
// resolves each relative import against the importing file, so '../local/x' and '../../shared/local' are both caught.
const localDir = resolve(import.meta.dirname, 'shared/local');
const insideLocal = (file, source) => {
  const path = relative(localDir, resolve(dirname(file), source));
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};
const noLocalImport = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { local: "Product code never imports shared/local (the local tooling, not shipped): '{{source}}'." },
  },
  create(context) {
    const check = (node) => {
      if (node?.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      if (!insideLocal(context.filename, node.value)) return;
      context.report({ node, messageId: 'local', data: { source: node.value } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference.expression),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', '.serverless/', '.esbuild/', 'coverage/', '.scratch/', '.orgwarden/', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    // Dependencies point inward: the domain and the handlers never touch the AWS SDK.
    files: ['shared/domain/**/*.ts', 'functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'Only shared/adapters may import the AWS SDK.' }] }],
    },
  },
  {
    // The fence: product code (the functions and shared/ outside shared/local) never imports shared/local.
    files: ['functions/**/*.ts', 'shared/**/*.ts'],
    ignores: ['shared/local/**'],
    plugins: { orgwarden: { rules: { 'no-local-import': noLocalImport } } },
    rules: { 'orgwarden/no-local-import': 'error' },
  },
  {
    // Lines of product code at most 120 characters: prettier (npm run lint) breaks code, not strings or comments.
    files: ['functions/**/*.ts', 'shared/**/*.ts'],
    ignores: ['shared/local/**', 'shared/adapters/security-ir/generated/**'],
    rules: { 'max-len': ['error', { code: 120, ignoreUrls: true }] },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain reads no environment.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain reads no clock: take a Clock.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain reads no clock: take a Clock.' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
