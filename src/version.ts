// The package version, kept equal to package.json's by tests/provenance.test.ts (no JSON import,
// so that the browser build needs nothing but ES modules).
export const VERSION = '0.1.0';
