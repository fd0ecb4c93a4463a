// Evaluates many genome slots in one call (benchmarks, batch scoring): no JS↔WASM crossing
// per genome. Fitness is written into each slot's header.
import { slotBytes, markActive } from "./genome";
import { fitness } from "./es";
import { mutatePoint } from "./mutate";

export function evaluatePool(pool: usize, count: i32): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < count; i++) {
    const slot = pool + <usize>(i * slotBytes);
    markActive(slot);
    const f = fitness(slot);
    store<f64>(slot, f);
    sum += f;
  }
  return sum;
}

/**
 * Benchmark kernel: `count` times, copy `parent` into `child`, point-mutate it and update its
 * active set (what the ES does per child, minus evaluation). Returns how many were touched.
 */
export function mutateMany(parent: usize, child: usize, count: i32, rate: f64): i32 {
  let touched = 0;
  for (let i = 0; i < count; i++) {
    memory.copy(child, parent, <usize>slotBytes);
    if (mutatePoint(child, rate)) { markActive(child); touched++; }
  }
  return touched;
}
