// The one-dimensional ceiling of a candidate g₁ (eqlens; the ceiling start of SRNet). Every later
// SRNet layer reads only w·g₁ + b, so the SRNet's output is a function of g₁ alone, and no choice
// of the later chromosomes can explain the network's output better than the best function of g₁.
// Estimated on a fixed subsample: the rows sorted by g, cut into bins of `binRows` consecutive
// rows, a least-squares line of each output unit on g per bin; the loss is the mean squared
// residual. Twin: src/search/srnet-ceiling.ts (ceilingLossReference).

let nRows: i32 = 0;
let nUnits: i32 = 0;
let binRows: i32 = 32;
let targets: usize = 0; // f64, nUnits columns of nRows
let keys: usize = 0, keysB: usize = 0; // u32 sort keys, nRows each
let index: usize = 0, indexB: usize = 0; // i32 row numbers, nRows each
let counts: usize = 0; // 256 u32

/** Declares the subsample's output targets (f64, `units` columns of `rows`) and the bin size. */
export function ceilingConfigure(y: usize, rows: i32, units: i32, bin: i32): void {
  if (keys != 0) { heap.free(keys); heap.free(keysB); heap.free(index); heap.free(indexB); }
  if (counts == 0) counts = heap.alloc(256 << 2);
  targets = y; nRows = rows; nUnits = units; binRows = max(bin, 2);
  const bytes = <usize>max(rows, 1) << 2;
  keys = heap.alloc(bytes); keysB = heap.alloc(bytes);
  index = heap.alloc(bytes); indexB = heap.alloc(bytes);
}

/** An order-preserving u32 key of an f32 (−0 and +0 share one key, as they compare equal). */
@inline function sortKey(v: f32): u32 {
  const u = reinterpret<u32>(v + <f32>0);
  return (u & 0x80000000) != 0 ? ~u : u | 0x80000000;
}

/** Row numbers in `index` sorted by g, ties by row number: LSD radix sort, 4 stable passes of 8 bits. */
function sortRows(g: usize): void {
  for (let r = 0; r < nRows; r++) {
    store<u32>(keys + (<usize>r << 2), sortKey(load<f32>(g + (<usize>r << 2))));
    store<i32>(index + (<usize>r << 2), r);
  }
  let kIn = keys, kOut = keysB, iIn = index, iOut = indexB;
  for (let shift: u32 = 0; shift < 32; shift += 8) {
    memory.fill(counts, 0, 256 << 2);
    for (let r = 0; r < nRows; r++) {
      const b = <usize>((load<u32>(kIn + (<usize>r << 2)) >> shift) & 255) << 2;
      store<u32>(counts + b, load<u32>(counts + b) + 1);
    }
    let run: u32 = 0;
    for (let b = 0; b < 256; b++) {
      const c = load<u32>(counts + (<usize>b << 2));
      store<u32>(counts + (<usize>b << 2), run);
      run += c;
    }
    for (let r = 0; r < nRows; r++) {
      const k = load<u32>(kIn + (<usize>r << 2));
      const b = <usize>((k >> shift) & 255) << 2;
      const at = <usize>load<u32>(counts + b) << 2;
      store<u32>(counts + b, load<u32>(counts + b) + 1);
      store<u32>(kOut + at, k);
      store<i32>(iOut + at, load<i32>(iIn + (<usize>r << 2)));
    }
    const tk = kIn; kIn = kOut; kOut = tk;
    const ti = iIn; iIn = iOut; iOut = ti;
  }
  // Four passes: the sorted order is back in `keys` and `index`.
}

/**
 * The ceiling loss of g (f32, nRows values): mean over units and rows of the squared residual of
 * a least-squares line per bin of consecutive rows in g order. +Infinity when some g is not finite.
 */
export function ceilingLoss(g: usize): f64 {
  for (let r = 0; r < nRows; r++) if (!isFinite(load<f32>(g + (<usize>r << 2)))) return Infinity;
  sortRows(g);
  let sse: f64 = 0;
  for (let s = 0; s < nRows; s += binRows) {
    const e = min(nRows, s + binRows);
    const m = <f64>(e - s);
    let sg: f64 = 0;
    for (let q = s; q < e; q++) sg += <f64>load<f32>(g + (<usize>load<i32>(index + (<usize>q << 2)) << 2));
    const mg = sg / m;
    for (let j = 0; j < nUnits; j++) {
      const y = targets + (<usize>(j * nRows) << 3);
      let sy: f64 = 0;
      for (let q = s; q < e; q++) sy += load<f64>(y + (<usize>load<i32>(index + (<usize>q << 2)) << 3));
      const my = sy / m;
      let sgg: f64 = 0, sgy: f64 = 0, syy: f64 = 0;
      for (let q = s; q < e; q++) {
        const r = <usize>load<i32>(index + (<usize>q << 2));
        const a = <f64>load<f32>(g + (r << 2)) - mg, b = load<f64>(y + (r << 3)) - my;
        sgg += a * a; sgy += a * b; syy += b * b;
      }
      sse += sgg > 1e-12 * m * (mg * mg + 1e-30) ? max(syy - sgy * sgy / sgg, 0) : syy;
    }
  }
  return sse / (<f64>nRows * <f64>nUnits);
}
