// The Pareto front over (complexity, loss) and PySR's score: −Δlog(loss)/Δcomplexity
// between consecutive front members (the first member scores 0).

export interface Ranked {
  complexity: number;
  loss: number;
}

/** Members no other member beats on both complexity and loss; ascending complexity. */
export function paretoFront<T extends Ranked>(candidates: readonly T[]): T[] {
  const sorted = [...candidates]
    .filter((c) => Number.isFinite(c.loss))
    .sort((a, b) => a.complexity - b.complexity || a.loss - b.loss);
  const front: T[] = [];
  for (const c of sorted) {
    if (front.length && front[front.length - 1].complexity === c.complexity) continue;
    if (!front.length || c.loss < front[front.length - 1].loss) front.push(c);
  }
  return front;
}

const LOSS_FLOOR = 1e-300;

/** PySR's score for each front member. */
export function frontScores(front: readonly Ranked[]): number[] {
  return front.map((e, i) => {
    if (i === 0) return 0;
    const p = front[i - 1];
    const d = e.complexity - p.complexity;
    return d > 0 ? -(Math.log(Math.max(e.loss, LOSS_FLOOR)) - Math.log(Math.max(p.loss, LOSS_FLOOR))) / d : 0;
  });
}

/**
 * PySR's choice of the "best" equation: the highest score among members whose loss is at
 * most 1.5× the lowest loss on the front.
 */
export function bestIndex(front: readonly Ranked[], scores: readonly number[]): number {
  if (!front.length) return -1;
  const minLoss = Math.min(...front.map((e) => e.loss));
  let best = -1;
  front.forEach((e, i) => {
    if (e.loss <= 1.5 * minLoss + 1e-300 && (best < 0 || scores[i] > scores[best])) best = i;
  });
  return best;
}
