import baseConfig from '../../eslint.config.mjs';
import { featureLayersPlugin } from './eslint-feature-layers.mjs';

export default [
  ...baseConfig,
  {
    // SQL lives in <name>.repository.ts files (README, "Why the code looks like this"), the demo
    // clinic's included. The one exception is the database's session set-up: the pool's onConnect
    // hook runs `SET ROLE` on a raw pg client before TypeORM or any repository has a connection, and
    // the migrations' advisory lock is taken before TypeORM starts. `queryPrepared` writes no SQL of
    // its own: it sends a repository's statement as a prepared one on the pg client.
    files: ['src/**/*.ts'],
    ignores: [
      'src/**/*.repository.ts',
      'src/**/*.spec.ts',
      'src/platform/database/data-source-options.ts',
      'src/platform/database/prepared.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'SQL belongs in a <name>.repository.ts file: add a repository method and call it.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    plugins: { venule: featureLayersPlugin },
    rules: { 'venule/feature-layers': 'error' },
  },
];
