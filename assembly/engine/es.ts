// The (1+λ) evolution strategy, run inside WASM for a chunk of generations per call, and the
// hall of fame (best genome per complexity) from which TypeScript builds the Pareto front.
import { slotBytes, markActive, randomGenome, fitnessOf, setFitness, complexityOf } from "./genome";
import { evaluate, prepareWorkspace } from "./evaluate";
import { gradientFitnessOn, gradientLoss } from "./tangent";
import { mutatePoint, mutateSingle } from "./mutate";

export const MAX_COMPLEXITY: i32 = 256;

let parent: usize = 0;
let child: usize = 0;
let best: usize = 0;
let hof: usize = 0;      // MAX_COMPLEXITY slots
let lambda: i32 = 4;
let rate: f64 = 0.05;
let mode: i32 = 0;       // 0 = point, 1 = single active gene
let neutral: bool = true; // child replaces parent when not worse (false: strictly better)
let evaluations: f64 = 0;
let generationsDone: f64 = 0;

export function esConfigure(lam: i32, mutationRate: f64, mutationMode: i32, neutralDrift: bool): void {
  lambda = lam; rate = mutationRate; mode = mutationMode; neutral = neutralDrift;
}

/** Allocates the ES slots for the current geometry and clears the hall of fame. */
export function esInit(): void {
  if (parent != 0) { heap.free(parent); heap.free(child); heap.free(best); heap.free(hof); }
  prepareWorkspace();
  parent = heap.alloc(<usize>slotBytes);
  child = heap.alloc(<usize>slotBytes);
  best = heap.alloc(<usize>slotBytes);
  hof = heap.alloc(<usize>(slotBytes * MAX_COMPLEXITY));
  for (let c = 0; c < MAX_COMPLEXITY; c++) setFitness(hofSlot(c), Infinity);
  evaluations = 0; generationsDone = 0;
}

/** Restores the counters of a checkpointed run (the slots are copied in by TypeScript). */
export function esSetCounters(evals: f64, gens: f64): void { evaluations = evals; generationsDone = gens; }

export function hofSlot(c: i32): usize { return hof + <usize>(c * slotBytes); }
export function parentSlot(): usize { return parent; }
export function esEvaluations(): f64 { return evaluations; }
export function esGenerations(): f64 { return generationsDone; }
export function maxComplexity(): i32 { return MAX_COMPLEXITY; }

function hofUpdate(slot: usize): void {
  const c = min(complexityOf(slot), MAX_COMPLEXITY - 1);
  const f = fitnessOf(slot);
  const h = hofSlot(c);
  if (f < fitnessOf(h)) memory.copy(h, slot, <usize>slotBytes);
}

/** The fitness in use: MSE against y, or the symbolic-gradient loss (tangent.ts). */
export function fitness(slot: usize): f64 {
  return gradientFitnessOn() ? gradientLoss(slot) : evaluate(slot);
}

/** Scores a slot (after its active set is current) and records it in the hall of fame. */
export function score(slot: usize): f64 {
  const f = fitness(slot);
  setFitness(slot, f);
  evaluations += 1;
  hofUpdate(slot);
  return f;
}

/** A random parent, or the genome TypeScript wrote into the parent slot (start = false). */
export function esStart(random: bool): f64 {
  if (random) randomGenome(parent);
  else markActive(parent);
  return score(parent);
}

/** Runs up to `gens` generations; stops early once the parent's fitness ≤ target. */
export function esRun(gens: i32, target: f64): i32 {
  for (let g = 0; g < gens; g++) {
    let bestFit: f64 = Infinity;
    let haveBest = false;
    const pf = fitnessOf(parent);
    for (let k = 0; k < lambda; k++) {
      memory.copy(child, parent, <usize>slotBytes);
      const touched = mode == 0 ? mutatePoint(child, rate) : mutateSingle(child);
      let f: f64;
      if (touched) {
        markActive(child);
        f = score(child);
      } else {
        f = pf; // same phenotype as the parent
      }
      if (!haveBest || f < bestFit) {
        const t = best; best = child; child = t;
        bestFit = f; haveBest = true;
      }
    }
    if (haveBest && (neutral ? bestFit <= pf : bestFit < pf)) {
      const t = parent; parent = best; best = t;
    }
    generationsDone += 1;
    if (fitnessOf(parent) <= target) return g + 1;
  }
  return gens;
}
