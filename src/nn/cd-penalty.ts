// The CDEP explanation penalty (Rieger et al.; METHODS §5's CD written in tfjs ops): the CD score
// of a feature group at the logits, differentiable in the weights, so training can push the
// network off features it should not rely on. The same rules as src/explain/cd (dense: bias shared
// by |Wβ| : |Wγ| with 1e-20 added to both; ReLU: the reference rule; other activations: the
// symmetric two-part rule) — that module is a layer above nn/ and cannot be imported here.
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { EqlensError } from '../errors.js';
import type { Activation } from './mlp.js';
import type { Tf } from './tf.js';

export interface ExplanationPenalty {
  /** Input features (column indices) the network should not rely on. */
  features: readonly number[];
  /** Multiplier of the penalty in the loss (≥ 0). */
  weight: number;
}

export interface TfDense { kernel: Tensor2D; bias: Tensor1D; activation: Activation }

/** Checks the option against the number of inputs; returns the 0/1 mask of penalised features. */
export function checkPenalty(p: unknown, inputs: number): { mask: Float32Array; weight: number } {
  const bad = (why: string) => new EqlensError('E_OPTION', `option explanationPenalty: ${why}`);
  if (p == null || typeof p !== 'object' || Array.isArray(p)) throw bad(`expected { features: [...], weight }, got ${JSON.stringify(p)}`);
  for (const k of Object.keys(p)) if (k !== 'features' && k !== 'weight') throw bad(`unknown key ${k}; known: features, weight`);
  const { features, weight } = p as Partial<ExplanationPenalty>;
  if (!Array.isArray(features) || features.length === 0) throw bad(`features must be a non-empty list of input indices, got ${JSON.stringify(features)}`);
  const mask = new Float32Array(inputs);
  for (const f of features) {
    if (!Number.isInteger(f) || f < 0 || f >= inputs) throw bad(`feature ${JSON.stringify(f)} does not exist; X has ${inputs} columns (features 0 to ${inputs - 1})`);
    if (mask[f]) throw bad(`feature ${f} is named twice`);
    mask[f] = 1;
  }
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) throw bad(`weight must be a finite number ≥ 0, got ${JSON.stringify(weight)}`);
  return { mask, weight };
}

function act(tf: Tf, a: Activation, t: Tensor): Tensor {
  switch (a) {
    case 'relu': return tf.relu(t);
    case 'sigmoid': return tf.sigmoid(t);
    case 'tanh': return tf.tanh(t);
    case 'elu': return tf.elu(t);
    default: return t;
  }
}

/** β and γ at the logits (batch × outputs) for the group `mask` (1 on the group's inputs). */
export function cdTf(tf: Tf, layers: readonly TfDense[], x: Tensor2D, mask: Tensor1D): { relevant: Tensor; irrelevant: Tensor } {
  let rel: Tensor = x.mul(mask), irr: Tensor = x.mul(tf.scalar(1).sub(mask));
  layers.forEach((l, k) => {
    const r = tf.matMul(rel as Tensor2D, l.kernel), ir = tf.matMul(irr as Tensor2D, l.kernel);
    const ar = tf.abs(r).add(1e-20), ai = tf.abs(ir).add(1e-20), sum = ar.add(ai);
    rel = r.add(l.bias.mul(ar.div(sum)));
    irr = ir.add(l.bias.mul(ai.div(sum)));
    if (k === layers.length - 1) return;
    const both = act(tf, l.activation, rel.add(irr));
    if (l.activation === 'relu') {
      rel = tf.relu(rel);
      irr = both.sub(rel);
    } else if (l.activation !== 'linear') {
      const at0 = l.activation === 'sigmoid' ? 0.5 : 0;
      const b = act(tf, l.activation, rel).sub(at0).add(both).sub(act(tf, l.activation, irr)).mul(0.5);
      irr = both.sub(b);
      rel = b;
    }
  });
  return { relevant: rel, irrelevant: irr };
}
