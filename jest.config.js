/**
 * Projects: `unit` (no network, SDK mocked), `infra` (CDK template assertions), `e2e` (the local
 * cloud over real HTTP), which `npm test` runs within its time budget; `soak` (long runs of
 * the local cloud under load and faults), run by `npm run test:soak` and in CI after `npm test`;
 * and `browser` (the web console in headless Chromium), `npm run test:browser`, also in CI. Type checking is `npm run lint`'s job (tsc),
 * so ts-jest only transpiles (isolatedModules), which keeps the suite fast.
 */
// Tests create SDK clients in jest's own processes: keep the SDK's notice about this Node.js
// version out of their output. Tests of what users see spawn without it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A time zone away from UTC with daylight saving: code that reads local time as UTC (or the
// reverse) fails here rather than only on a developer's laptop; CI machines run in UTC.
process.env.TZ = 'Europe/Paris';

const transform = {
  // @middy/* ships ESM only; ts-jest transpiles it to CommonJS alongside our TypeScript.
  '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true } }],
};
const transformIgnorePatterns = ['/node_modules/(?!@middy/)'];
const common = { testEnvironment: 'node', transform, transformIgnorePatterns };

/** @type {import('jest').Config} */
module.exports = {
  // One worker per core, not jest's default of one fewer: most suites wait on servers, timers and
  // worker threads rather than compute, so on 2 cores two workers halve the run (182 s to 100 s).
  maxWorkers: '100%',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/unit/setup-env.ts'],
    },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, displayName: 'soak', testMatch: ['<rootDir>/test/soak/**/*.test.ts'] },
    // The web console in headless Chromium (/usr/bin/chromium): `npm run test:browser`, after `npm test` in CI.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
