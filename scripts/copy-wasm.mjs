// Places the compiled module beside the compiled glue (dist/bindings/), where
// `new URL('./eqlens.wasm', import.meta.url)` finds it.
import { mkdirSync, copyFileSync } from 'node:fs';
mkdirSync('dist/bindings', { recursive: true });
copyFileSync('bindings/eqlens.wasm', 'dist/bindings/eqlens.wasm');
