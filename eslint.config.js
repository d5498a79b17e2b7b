import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
