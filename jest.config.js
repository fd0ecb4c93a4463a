// Tests run the TypeScript sources directly (ESM through @swc/jest); the WASM module is the
// built bindings/eqlens.wasm, which `npm test` builds first when it is missing or stale.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 300000,
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
};
