import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Direction of dependencies (docs/architecture/layout.md). A back-arrow fails lint.
const BACKEND_CLIENTS = ['knex', 'ioredis', 'pg', 'bullmq', '@electric-sql/pglite', 'knex-pglite'].map((name) => ({
  name,
  message: 'app/ and agents/ talk to interfaces in state/, not to database or queue clients.',
}));
const NO_STORE = { regex: '(^|/)store/', message: 'app/ and agents/ never import store/: use the interfaces in state/.' };
const NO_COMPOSE = { regex: '(^|/)compose/', message: 'Only main.ts and cli/ import compose/, the composition root.' };
const NO_WORKSPACE = {
  regex: '(^|/)workspace/',
  message:
    'app/ and agents/ see the Workspace interface (agents/workspace-types.ts); the implementations in workspace/ are built in compose/.',
};
const POLICY_SURFACE = {
  regex: '(^|/)policy/(residency|finops|edit-guard)/(?!index\\.ts$)',
  message: 'Outside policy/, import a policy part through its index.ts, its public surface.',
};
const restrict = (...patterns) => ['error', { paths: [], patterns }];
const direction = [
  { files: ['src/main.ts', 'src/cli/**/*.ts', 'src/compose/**/*.ts'], rules: { 'no-restricted-imports': restrict(POLICY_SURFACE) } },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/cli/**', 'src/compose/**'],
    rules: { 'no-restricted-imports': restrict(NO_COMPOSE, POLICY_SURFACE) },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: BACKEND_CLIENTS, patterns: [NO_STORE, NO_COMPOSE, NO_WORKSPACE, POLICY_SURFACE] }],
    },
  },
  {
    files: ['src/agents/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: BACKEND_CLIENTS, patterns: [NO_STORE, NO_COMPOSE, NO_WORKSPACE, POLICY_SURFACE] }],
    },
  },
  {
    files: ['src/policy/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        {
          regex: '^\\.\\./\\.\\./(?!config/|lib/|observability/aos-error\\.ts$)',
          message: 'policy/ is pure: it imports its own files, config/, lib/ and the error type only.',
        },
        { regex: '^node:', message: 'policy/ is pure: no Node I/O modules.' },
      ),
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '^\\.\\./',
        message: 'lib/ holds mechanisms with no project knowledge: it imports nothing from the other folders.',
      }),
    },
  },
  {
    files: ['src/config/**/*.ts', 'src/observability/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '^\\.\\./(app|agents|llm|policy|packages|notify|state|store|workspace|cli|compose)/',
        message: 'config/ and observability/ are used by every folder and import none of them (only each other and lib/).',
      }),
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.aos', 'test-output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only src/config reads process.env.' },
      ],
    },
  },
  {
    files: ['src/config/**', 'test/**', 'scripts/**', 'bin/**', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  ...direction,
);
