// Evaluates many genome slots in one call (benchmarks, batch scoring): no JS↔WASM crossing
// per genome. Fitness is written into each slot's header.
import { slotBytes, markActive } from "./genome";
import { evaluate } from "./evaluate";

export function evaluatePool(pool: usize, count: i32): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < count; i++) {
    const slot = pool + <usize>(i * slotBytes);
    markActive(slot);
    const f = evaluate(slot);
    store<f64>(slot, f);
    sum += f;
  }
  return sum;
}
