// Finding, compiling and instantiating eqlens.wasm in Node, worker threads and browsers.
// No top-level await: everything happens inside async functions, and the compiled
// WebAssembly.Module is cached per realm (each worker instantiates its own instance).
import { EqlensError } from '../src/errors.js';

/** Where the module comes from: a URL/path, its bytes, or an already compiled module. */
export type WasmSource = URL | string | ArrayBuffer | Uint8Array | WebAssembly.Module;

let defaultModule: Promise<WebAssembly.Module> | undefined;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

async function readBytes(url: URL): Promise<ArrayBuffer | Uint8Array> {
  if (url.protocol === 'file:' && isNode) {
    const fs = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    return fs.readFile(fileURLToPath(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new EqlensError('E_WASM_LOAD', `could not fetch ${url.href}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  let bytes: ArrayBuffer | Uint8Array;
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) bytes = source;
  else {
    const url = source instanceof URL ? source
      : /^[a-z]+:/i.test(source) ? new URL(source)
      : isNode ? (await import('node:url')).pathToFileURL(source) : new URL(source, globalThis.location?.href);
    bytes = await readBytes(url);
  }
  try {
    return await WebAssembly.compile(bytes as BufferSource);
  } catch (e) {
    throw new EqlensError('E_WASM_LOAD',
      `eqlens.wasm failed to compile (${(e as Error).message}); this runtime needs WebAssembly SIMD`);
  }
}

/** The compiled module: from `source`, or eqlens.wasm beside this file. */
export function compileModule(source?: WasmSource): Promise<WebAssembly.Module> {
  if (source !== undefined) return compile(source);
  defaultModule ??= compile(new URL('./eqlens.wasm', import.meta.url));
  return defaultModule;
}

export async function instantiate(module: WebAssembly.Module): Promise<WebAssembly.Instance> {
  return WebAssembly.instantiate(module, {
    env: {
      abort(_msg: number, _file: number, line: number, col: number) {
        throw new EqlensError('E_WASM_ABORT', `eqlens.wasm aborted at ${line}:${col}`);
      },
    },
  });
}
