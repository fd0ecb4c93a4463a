# Writes the interleaved block kernels of assembly/engine/vmath.ts (expBlock, sinBlock, cosBlock,
# logBlockPlain, logBlockAbs, and sinBlockUnit, cosBlockUnit, expBlockUnit for sin or cos values). Each kernel's step is written once below with '$' for the lane
# and '@' for its byte offset; expand.py repeats every step for K lanes side by side (V8 keeps
# source order, and one lane alone is bound by its dependency chain). The K-lane loop is followed
# by one 4-lane step (the evaluator's 1024-row block leaves 4 vectors after 6 or 7 lanes; one at a
# time they cost 1.5× their share) and a one-lane loop. Edit a step here, then regenerate in place:
#   python3 scripts/vmath-blocks/splice.py 8,6,7,6,8,6,8
# (lanes for exp, sin, cos, ln, then sinBlockUnit, cosBlockUnit, expBlockUnit; more lanes spill
# more registers; measured on this machine, a 3.6 GHz Intel Xeon). To print the kernels instead:
#   python3 scripts/vmath-blocks/blocks.py 8,6,7,6,8,6,8
# A development tool only: neither the build nor the tests run it.
import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expand import expand
KS = [int(v) for v in sys.argv[1].split(",")]
REM = 4  # lanes of the remainder step after the K-lane loop (0: none)
def block(name, K, sig, consts, acc_init, body, check, exact_loop, doc, head='export function'):
    # check None: a kernel without rare inputs (no accumulator, no exact pass)
    main = expand(body, K, '    ')
    rem = ''
    if 0 < REM < K:
        rem = f'''  if (out + {16*REM} <= end) {{
{expand(body, REM, '    ')}
    a += {16*REM}; out += {16*REM};
  }}
'''
    tail = expand(body.replace('@', '0').replace('$', ''), 1, '    ')
    # The K-lane loop, the remainder step and the one-lane loop: the same in both kinds.
    loops = f'''  while (out + {16*K} <= end) {{
{main}
    a += {16*K}; out += {16*K};
  }}
{rem}  while (out < end) {{
{tail}
    a += 16; out += 16;
  }}
'''
    if check is None:  # no rare inputs: no accumulator, no second pass
        return f'''{doc}
{head} {name}({sig}): void {{
{consts}
  const end = out + (<usize>count << 2);
{loops}}}
'''
    return f'''{doc}
{head} {name}({sig}): void {{
{consts}
  const end = out + (<usize>count << 2);
  const a0 = a, out0 = out;
  let acc = {acc_init};
{loops}  if ({check}) {{
    a = a0; out = out0;
    while (out < end) {{
{exact_loop}
      a += 16; out += 16;
    }}
  }}
}}
'''
out = []
exp_body = '''
let x$ = v128.load(a, @);
acc = f32x4.pmin(acc, x$);
x$ = f32x4.pmin(x$, hi);
const t$ = fma(x$, log2e, magic);
const n$ = f32x4.sub(t$, magic);
let r$ = f32x4.sub(x$, f32x4.mul(n$, ln2a));
r$ = f32x4.sub(r$, f32x4.mul(n$, ln2b));
let p$ = fma(q5, r$, q4);
p$ = fma(p$, r$, q3);
p$ = fma(p$, r$, q2);
p$ = fma(p$, r$, q1);
p$ = fma(p$, r$, q0);
v128.store(out, f32x4.mul(p$, i32x4.shl(t$, 23)), @);
'''
out.append(block('expBlock', KS[0 % len(KS)], 'a: usize, out: usize, count: i32', '''  const hi = kf(K_EXP_HI), log2e = kf(K_LOG2E), magic = kf(K_EXP_MAGIC);
  const ln2a = kf(K_LN2_A), ln2b = kf(K_LN2_B);
  const q0 = kf(K_Q0), q1 = kf(K_Q1), q2 = kf(K_Q2), q3 = kf(K_Q3), q4 = kf(K_Q4), q5 = kf(K_Q5);''',
 'f32x4.splat(0)', exp_body,
 'v128.any_true(f32x4.lt(acc, f32x4.splat(EXP_FAST_MIN)))',
 '''      // Only the rare lanes take vexp: a lane's value must not depend on its neighbours (the
      // tangent kernel's blocks are smaller than the evaluator's), and vexp's polynomial differs.
      const x = v128.load(a), rare = f32x4.lt(x, f32x4.splat(EXP_FAST_MIN));
      if (v128.any_true(rare)) v128.store(out, v128.bitselect(vexp(x), v128.load(out), rare));''',
 '''/**
 * out[i] = e^a[i]. The fast loop covers x ≥ −86.5, where 2^(n−1) is one normal factor
 * (bits(t) << 23); in a block with any lower x (or −Inf) those lanes are redone with vexp (gradual underflow).
 */'''))
# sin and cos share the rest: r = x − k·π in three exact steps (k = n for sin, the half-integer
# h for cos), the odd polynomial of r, and the sign from t's lowest bit.
# The odd polynomial r·P(r²) of sin and cos, stored with its sign flipped by the low bit of `sign`
# (the rounded multiple of π, in the low bits of the magic-number sum).
def odd_poly(r, sign):
    return f'''const z$ = f32x4.mul({r}$, {r}$);
let p$ = fma(s9, z$, s7);
p$ = fma(p$, z$, s5);
p$ = fma(p$, z$, s3);
p$ = fma(p$, z$, s1);
p$ = f32x4.mul(p$, {r}$);
v128.store(out, v128.xor(p$, i32x4.shl({sign}, 31)), @);
'''
def trig_tail(k):
    return f'''let r$ = f32x4.sub(x$, f32x4.mul({k}$, pa));
r$ = f32x4.sub(r$, f32x4.mul({k}$, pb));
r$ = f32x4.sub(r$, f32x4.mul({k}$, pc));
''' + odd_poly('r', 't$')
# A block with a lane beyond 8192 is vsin's (vcos's) throughout. Where |x| ≤ 8192 those equal the
# fast step clamped to [−1, 1], bit for bit (same n, same r up to sign, same polynomial), so only
# the vectors holding such a lane are recomputed; the others are clamped in place.
def trig_exact(fn):
    return f'''      const x = v128.load(a);
      if (v128.any_true(f32x4.gt(v128.and(x, absMask), f32x4.splat(TRIG_FAST_MAX)))) v128.store(out, {fn}(x));
      else v128.store(out, f32x4.pmax(f32x4.pmin(v128.load(out), kf(K_ONE)), f32x4.neg(kf(K_ONE))));'''
sin_body = '''
const x$ = v128.load(a, @);
acc = f32x4.pmax(acc, v128.and(x$, absMask));
const t$ = fma(x$, invPi, magic);
const n$ = f32x4.sub(t$, magic);
''' + trig_tail('n')
out.append(block('sinBlock', KS[1 % len(KS)], 'a: usize, out: usize, count: i32', '''  const invPi = kf(K_INV_PI), magic = kf(K_MAGIC_SIGNED), pa = kf(K_PI_A), pb = kf(K_PI_B), pc = kf(K_PI_C);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9), absMask = ki(I_ABS);''',
 'f32x4.splat(0)', sin_body,
 'v128.any_true(f32x4.gt(acc, f32x4.splat(TRIG_FAST_MAX)))',
 trig_exact('vsin'),
 '''/**
 * out[i] = sin a[i]. The fast loop reduces x itself (t = x/π + 1.5·2^23; n·π exact for
 * |x| < 4096π); a block with any |x| > 8192 (or ±Inf) gives vsin's values.
 */'''))
cos_body = '''
const x$ = v128.and(v128.load(a, @), absMask);
acc = f32x4.pmax(acc, x$);
const t$ = f32x4.add(f32x4.sub(f32x4.mul(x$, invPi), half), magic);
const h$ = f32x4.add(f32x4.sub(t$, magic), half);
''' + trig_tail('h')
out.append(block('cosBlock', KS[2 % len(KS)], 'a: usize, out: usize, count: i32', '''  const invPi = kf(K_INV_PI), magic = kf(K_MAGIC_COS), half = kf(K_HALF);
  const pa = kf(K_PI_A), pb = kf(K_PI_B), pc = kf(K_PI_C);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9), absMask = ki(I_ABS);''',
 'f32x4.splat(0)', cos_body,
 'v128.any_true(f32x4.gt(acc, f32x4.splat(TRIG_FAST_MAX)))',
 trig_exact('vcos'),
 '''/** out[i] = cos a[i] (reduced as in vcos); a block with any |x| > 8192 (or ±Inf) gives vcos's values. */'''))
# ln x and ln |x| (protected): two functions from one step, so that neither tests a flag per
# vector (an inlined flag was not folded: Binaryen merged the two copies back into one loop with
# a branch per lane). LOAD and ABS are the two places where they differ.
log_body = '''
const x$ = LOAD;
acc = f32x4.pmin(acc, ABS);
const e$ = i32x4.shr_s(i32x4.sub(x$, off), 23);
const m$ = i32x4.sub(x$, i32x4.shl(e$, 23));
const s$ = f32x4.div(f32x4.sub(m$, one), f32x4.add(m$, one));
const z$ = f32x4.mul(s$, s$);
let p$ = fma(c2, z$, c1);
p$ = fma(p$, z$, c0);
let r$ = fma(p$, s$, f32x4.mul(f32x4.convert_i32x4_s(e$), ln2));
r$ = f32x4.pmax(f32x4.sub(x$, fltMax), r$);
v128.store(out, v128.or(r$, i32x4.lt_s(x$, oneI)), @);
'''
for name, load, absx, xload in (
        ('logBlockPlain', 'v128.load(a, @)', 'v128.and(x$, absMask)', 'v128.load(a)'),
        ('logBlockAbs', 'v128.and(v128.load(a, @), absMask)', 'x$', 'v128.and(v128.load(a), absMask)')):
    out.append(block(name, KS[3 % len(KS)], 'a: usize, out: usize, count: i32', '''  const off = ki(I_LOG_OFF), one = kf(K_ONE), ln2 = kf(K_LN2);
  const c0 = kf(K_LT0), c1 = kf(K_LT1), c2 = kf(K_LT2);
  const fltMax = kf(K_FLT_MAX), oneI = ki(I_ONE), absMask = ki(I_ABS);''',
     'kf(K_FLT_MAX)', log_body.replace('LOAD', load).replace('ABS', absx),
     'v128.any_true(f32x4.lt(acc, v128.load32_splat(KI + (<usize>I_MIN_NORMAL << 2))))',
     f'''      // Only the rare lanes take vlog (as in expBlock).
      const x = {xload};
      const rare = f32x4.lt(v128.and(x, absMask), v128.load32_splat(KI + (<usize>I_MIN_NORMAL << 2)));
      if (v128.any_true(rare)) v128.store(out, v128.bitselect(vlog(x), v128.load(out), rare));''',
     '''/**
 * out[i] = ln a[i] (logBlockPlain) or ln |a[i]| (logBlockAbs). The fast loop: x = 2^e·m, m in
 * [2/3, 4/3), s = (m − 1)/(m + 1), ln m = s·P(s²) (one division; P of degree 2, rel. 3.0e-7);
 * x < 0 (and +0) → NaN, +Inf → +Inf, NaN → NaN. In a block with any |x| < 2^−126 (±0,
 * subnormals), those lanes are redone with vlog.
 */''', head='function'))

# Kernels for inputs in [−1 − 2^−23, 1 + 2^−23] or NaN (sin or cos values): why they give the
# general kernels' bits is explained above sinBlockUnit in vmath.ts.
sin_unit = '''
const x$ = v128.load(a, @);
''' + odd_poly('x', 'f32x4.pmax(x$, magic)')
out.append(block('sinBlockUnit', KS[4 % len(KS)], 'a: usize, out: usize, count: i32', '''  const magic = kf(K_MAGIC_SIGNED);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9);''',
 None, sin_unit, None, None,
 '''/** sinBlock for a block of sin or cos values (|x| ≤ 1 + 2^−23, or NaN): same bits, no reduction. */'''))
cos_unit = '''
const x$ = v128.and(v128.load(a, @), absMask);
let r$ = f32x4.sub(x$, hpa);
r$ = f32x4.sub(r$, hpb);
r$ = f32x4.sub(r$, hpc);
''' + odd_poly('r', 'f32x4.pmax(x$, magic)')
out.append(block('cosBlockUnit', KS[5 % len(KS)], 'a: usize, out: usize, count: i32', '''  const half = kf(K_HALF), magic = kf(K_MAGIC_COS), absMask = ki(I_ABS);
  // h·π's three parts for h = ½ (exact halves)
  const hpa = f32x4.mul(kf(K_PI_A), half), hpb = f32x4.mul(kf(K_PI_B), half), hpc = f32x4.mul(kf(K_PI_C), half);
  const s1 = kf(K_S1), s3 = kf(K_S3), s5 = kf(K_S5), s7 = kf(K_S7), s9 = kf(K_S9);''',
 None, cos_unit, None, None,
 '''/** cosBlock for a block of sin or cos values (|x| ≤ 1 + 2^−23, or NaN): same bits, h = ½ fixed. */'''))
exp_unit = exp_body.replace('acc = f32x4.pmin(acc, x$);\n', '').replace('x$ = f32x4.pmin(x$, hi);\n', '').replace('let x$', 'const x$')
out.append(block('expBlockUnit', KS[6 % len(KS)], 'a: usize, out: usize, count: i32', '''  const log2e = kf(K_LOG2E), magic = kf(K_EXP_MAGIC);
  const ln2a = kf(K_LN2_A), ln2b = kf(K_LN2_B);
  const q0 = kf(K_Q0), q1 = kf(K_Q1), q2 = kf(K_Q2), q3 = kf(K_Q3), q4 = kf(K_Q4), q5 = kf(K_Q5);''',
 None, exp_unit, None, None,
 '''/** expBlock for a block of sin or cos values (|x| ≤ 1 + 2^−23, or NaN): same bits, no clamp, no rare lanes. */'''))
print('\n'.join(out))
