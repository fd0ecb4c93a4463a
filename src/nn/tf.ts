// Lazy access to TensorFlow.js with its WebAssembly backend (it ships its .wasm inside the
// npm package; never @tensorflow/tfjs-node, whose install downloads libtensorflow). tfjs is an
// optional peer dependency: only the functions that convert or train networks load it.
import { EqlensError } from '../errors.js';

export type Tf = typeof import('@tensorflow/tfjs');

let ready: Promise<Tf> | undefined;
let browserWasmPaths: string | undefined;

/**
 * Where tfjs-backend-wasm's .wasm files are served from, in a browser (a URL prefix ending in
 * "/", e.g. "/node_modules/@tensorflow/tfjs-backend-wasm/dist/"). Call before training. In Node
 * the package's own dist/ is used.
 */
export function setTensorflowWasmPaths(prefix: string): void {
  browserWasmPaths = prefix;
}

async function load(backend: 'wasm' | 'cpu'): Promise<Tf> {
  let tf: Tf;
  try {
    tf = await import('@tensorflow/tfjs');
  } catch {
    throw new EqlensError('E_MODEL', 'this needs the optional peer dependency @tensorflow/tfjs: npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm');
  }
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (typeof process !== 'undefined' && process.versions?.node) {
      // In Node the backend reads its .wasm from disk: point it at the package's dist/.
      const { createRequire } = await import('node:module');
      const { dirname } = await import('node:path');
      const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(dirname(main) + '/');
    } else if (browserWasmPaths !== undefined) {
      wasm.setWasmPaths(browserWasmPaths);
    }
  }
  if (!(await tf.setBackend(backend))) throw new EqlensError('E_MODEL', `TensorFlow.js backend "${backend}" failed to start`);
  await tf.ready();
  return tf;
}

/** TensorFlow.js on the WASM backend (once per process/realm). */
export function tensorflow(backend: 'wasm' | 'cpu' = 'wasm'): Promise<Tf> {
  ready ??= load(backend);
  return ready;
}
