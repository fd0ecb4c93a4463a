// Runs `npm run build` when dist/ or the WASM module is missing or older than any source.
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (p.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
const outputs = ['bindings/eqlens.wasm', 'dist/bindings/eqlens.wasm', 'dist/src/index.js'];
const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
const sources = Math.max(newest('assembly'), newest('src'), newest('bench'), newest('bindings'),
  ...['asconfig.json', 'tsconfig.json'].map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
if (built === 0 || sources > built) {
  execSync('npm run build', { stdio: ['ignore', process.stderr, 'inherit'] });
}
