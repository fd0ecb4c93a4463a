// A forward-pass worker of the predict pool: runs the WASM forward pass on the rows it is sent
// and posts the last layer back (null when an input was not finite).
import { forwardLast, type ForwardInput } from '../../bindings/nn.js';
import type { DenseLayer } from './mlp.js';
import { parentPort } from '../parallel/platform.js';

export interface ForwardJob { id: number; layers: DenseLayer[]; input: ForwardInput }

async function main(): Promise<void> {
  const port = await parentPort();
  port.onMessage((raw) => {
    const m = raw as ForwardJob;
    forwardLast(m.layers, m.input).then(
      (out) => port.post({ id: m.id, out }),
      (e: unknown) => port.post({ id: m.id, error: String((e as Error)?.message ?? e) }),
    );
  });
  port.post({ ready: true });
}

void main();
