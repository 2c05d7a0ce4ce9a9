import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['lib/generated/**', '.next/**', '.tools/**', '.data/**', 'node_modules/**', 'next-env.d.ts'] },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // A Prisma query runs only when awaited or then-ed: `db.x.deleteMany()` or `void tx.x.update()` as a statement does nothing.
      'no-restricted-syntax': [
        'error',
        ...[':matches(ExpressionStatement, UnaryExpression[operator="void"])'].flatMap((parent) => [
          {
            selector: `${parent} > CallExpression > MemberExpression.callee > MemberExpression.object > Identifier.object[name=/^(db|tx)$/]`,
            message: 'A Prisma query that is not awaited never runs: await it (or chain .then/.catch).',
          },
          {
            selector: `${parent} > CallExpression > MemberExpression.callee > MemberExpression.object > CallExpression.object > Identifier.callee[name="db"]`,
            message: 'A Prisma query that is not awaited never runs: await it (or chain .then/.catch).',
          },
        ]),
      ],
    },
  },
  {
    /*
     * One configuration (lib/config): the environment is read there, validated once, and every variable is
     * in its schema (README's table is generated from it). The launchers pass it on with childEnvironment().
     * The .mjs build tools run before TypeScript can be loaded (prisma generate) and pass Prisma's own variables.
     */
    files: ['app/**', 'components/**', 'lib/**', 'scripts/**', 'proxy.ts'],
    ignores: ['lib/config/**', 'lib/**/*.test.ts', 'scripts/**/*.mjs'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from config() (lib/config), the one validated configuration.' },
      ],
    },
  },
  {
    // UI components receive data as props: they never reach the database or server-only modules.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/lib/db/*',
                '@/lib/generated/*',
                '@/lib/setup/*',
                '@/lib/seed/*',
                '@/lib/auth/*',
                '@/lib/mail/*',
                '@/lib/uploads/*',
                '@/lib/accounts/*',
                '@/lib/messages/service',
                'node:*',
              ],
              message: 'UI components must not import server code.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
