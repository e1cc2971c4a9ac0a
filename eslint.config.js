// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['./index.js', '../index.js', '../../index.js'], message: 'Internal files must not import their own barrel.' },
          ],
        },
      ],
    },
  },
  {
    // The core never imports an integration SDK; each integration lives in its own lib.
    files: ['libs/events/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['bullmq', 'mongoose', 'pg', 'amqplib', 'kafkajs', 'prom-client', 'ioredis', '@nestjs/bullmq', '@nestjs/mongoose'].map(
            (name) => ({
              name,
              message: 'The core must stay SDK-free; put this integration in its own lib.',
            }),
          ),
          patterns: [
            { group: ['./index.js', '../index.js', '../../index.js'], message: 'Internal files must not import their own barrel.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
