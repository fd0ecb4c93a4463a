// The first layer of a network on one-hot inputs, as sums of weight columns (METHODS §6).
// A one-hot row has one 1 per position, so W·x + b is b plus one column of W per position:
// m gathers per unit instead of a full `inputs`-wide dot product. With the reference sequence
// folded into the base (base = b + W·x⁰, table = W − W[:, x⁰ of that position]) a single or
// pair mutant of x⁰ is one or two gathers, which makes the ~541,000 passes of an L = 50,
// q = 21 order-2 expansion cheap.
import { activate } from "../nn/dense";

/**
 * post[u·stride + r] = act(base[u] + Σ_{k<m} table[u·cols + idx[r·m + k]]) for r < rows,
 * summed in f32 in that order (the TS twin src/nn/one-hot-forward.ts does the same).
 * `table` is row-major units × cols (the layout of a dense layer's weight); `idx` is i32
 * row-major rows × m. `pre` receives z when it differs from `post`. Rows past `rows` up to
 * the next multiple of 8 are written too (z = base) so the next dense layer reads defined values.
 */
export function oneHotLayer(table: usize, cols: i32, base: usize, units: i32, idx: usize, m: i32,
  act: i32, pre: usize, post: usize, rows: i32, stride: i32): void {
  const padded = (rows + 7) & ~7;
  for (let u = 0; u < units; u++) {
    const t = table + (<usize>u * <usize>cols << 2);
    const b = load<f32>(base + (<usize>u << 2));
    const z = pre + (<usize>u * <usize>stride << 2);
    let ip = idx;
    if (m == 1) {
      for (let r = 0; r < rows; r++) {
        store<f32>(z + (<usize>r << 2), b + load<f32>(t + (<usize>load<i32>(ip) << 2)));
        ip += 4;
      }
    } else if (m == 2) {
      for (let r = 0; r < rows; r++) {
        const v = b + load<f32>(t + (<usize>load<i32>(ip) << 2));
        store<f32>(z + (<usize>r << 2), v + load<f32>(t + (<usize>load<i32>(ip, 4) << 2)));
        ip += 8;
      }
    } else {
      for (let r = 0; r < rows; r++) {
        let v = b;
        for (let k = 0; k < m; k++) v += load<f32>(t + (<usize>load<i32>(ip + (<usize>k << 2)) << 2));
        store<f32>(z + (<usize>r << 2), v);
        ip += <usize>m << 2;
      }
    }
    for (let r = rows; r < padded; r++) store<f32>(z + (<usize>r << 2), b);
    activate(act, z, post + (<usize>u * <usize>stride << 2), padded);
  }
}
