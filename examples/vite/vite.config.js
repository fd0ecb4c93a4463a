// A Vite app using eqlens. Two settings matter: workers as ES modules (the island workers are
// modules), and csv-parse's browser build (its Node build needs Buffer). Inside this repository
// `eqlens` is the local build; an app that installed eqlens from npm drops that alias.
import { fileURLToPath } from 'node:url';

export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'error',
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../test-artifacts/vite-app', import.meta.url)), emptyOutDir: true },
  worker: { format: 'es' },
  resolve: {
    alias: {
      'csv-parse/sync': 'csv-parse/browser/esm/sync',
      eqlens: fileURLToPath(new URL('../../dist/src/index.js', import.meta.url)),
    },
  },
};
