// One island of the island model, in its own worker: its own engine instance and RNG stream,
// running the (1+λ) strategy for one epoch of generations per request, exactly as runEsLoop
// does on the main thread (chunks of 100 generations, restarts after stagnation), and adopting
// an immigrant between epochs when it beats the parent.
import { WasmEngine, useGradientTarget } from '../../bindings/engine.js';
import { instantiate } from '../../bindings/loader.js';
import { parentPort } from './platform.js';
import type { EpochReport, FromWorker, GenomeMessage, IslandConfig, IslandFault, ToWorker } from './protocol.js';
import { captureEsState, restoreEsState, type EsState } from '../search/checkpoint.js';

const CHUNK = 100;
const YIELD_MS = 50;
const PROGRESS_MS = 100;

class Island {
  private gen = 0;
  private lastImprovement = 0;
  private runBest: number;
  private bestLoss: number;
  stopRequested = false;

  constructor(readonly engine: WasmEngine, readonly config: IslandConfig, seed: number, private readonly post: (m: FromWorker) => void,
    restore?: EsState) {
    const raw = engine.raw;
    raw.esConfigure(config.lambda, config.mutationRate, config.mutationMode, config.neutralDrift ? 1 : 0);
    raw.esInit();
    engine.seed(seed);
    if (restore) {
      // A checkpointed island continues exactly where it stopped (an epoch boundary).
      const loop = restoreEsState(engine, restore, 'island checkpoint');
      this.gen = loop.generation; this.lastImprovement = loop.lastImprovement;
      this.runBest = loop.runBest; this.bestLoss = loop.bestLoss;
      return;
    }
    raw.esStart(1);
    this.runBest = this.bestLoss = this.parentFitness();
  }

  snapshot(): EsState {
    return captureEsState(this.engine, { generation: this.gen, lastImprovement: this.lastImprovement, runBest: this.runBest, bestLoss: this.bestLoss });
  }

  private parentFitness(): number { return this.engine.f64[this.engine.raw.parentSlot() >> 3]; }

  /** The lowest-loss genome of the hall of fame (ties: the simplest). */
  best(): GenomeMessage | null {
    const { engine } = this, raw = engine.raw;
    let bestC = -1, bestF = Infinity;
    for (let c = 0; c < raw.maxComplexity(); c++) {
      const f = engine.f64[raw.hofSlot(c) >> 3];
      if (f < bestF) { bestF = f; bestC = c; }
    }
    return bestC < 0 ? null : engine.readGenome(raw.hofSlot(bestC));
  }

  hallOfFame(): GenomeMessage[] {
    const { engine } = this, raw = engine.raw;
    const out: GenomeMessage[] = [];
    for (let c = 0; c < raw.maxComplexity(); c++) {
      if (Number.isFinite(engine.f64[raw.hofSlot(c) >> 3])) out.push(engine.readGenome(raw.hofSlot(c)));
    }
    return out;
  }

  async epoch(generations: number, target: number, immigrant?: GenomeMessage): Promise<EpochReport> {
    const { engine, config } = this, raw = engine.raw;
    let adopted = false;
    if (immigrant && immigrant.fitness < this.parentFitness()) {
      engine.writeGenome(raw.parentSlot(), immigrant.genes, immigrant.consts);
      raw.esStart(0); // re-scores the immigrant here (same data, same engine: the same loss)
      adopted = true;
      const pf = this.parentFitness();
      this.bestLoss = Math.min(this.bestLoss, pf);
      this.runBest = pf; this.lastImprovement = this.gen;
    }
    const end = this.gen + generations;
    let reachedTarget = this.parentFitness() <= target, stopped = false;
    let lastYield = performance.now(), lastProgress = lastYield;
    while (!reachedTarget && this.gen < end) {
      if (this.stopRequested) { stopped = true; break; }
      this.gen += raw.esRun(Math.min(CHUNK, end - this.gen), target);
      const pf = this.parentFitness();
      this.bestLoss = Math.min(this.bestLoss, pf);
      if (pf <= target) { reachedTarget = true; break; }
      if (pf < this.runBest) { this.runBest = pf; this.lastImprovement = this.gen; }
      else if (config.restartAfter > 0 && this.gen - this.lastImprovement >= config.restartAfter && this.gen < config.generations) {
        raw.esStart(1);
        this.runBest = this.parentFitness(); this.lastImprovement = this.gen;
      }
      const now = performance.now();
      if (now - lastYield > YIELD_MS) {
        if (now - lastProgress > PROGRESS_MS) {
          this.post({ type: 'progress', generation: this.gen, evaluations: raw.esEvaluations(), bestLoss: this.bestLoss });
          lastProgress = now;
        }
        await new Promise((r) => setTimeout(r, 0)); // lets a 'stop' message in
        lastYield = performance.now();
      }
    }
    return { generation: this.gen, evaluations: raw.esEvaluations(), nodeEvaluations: raw.nodeEvaluations(), bestLoss: this.bestLoss, reachedTarget, stopped, adopted, best: this.best() };
  }
}

async function main(): Promise<void> {
  const port = await parentPort();
  const post = (m: FromWorker) => port.post(m);
  let island: Island | undefined;
  let fault: IslandFault | undefined;
  let islandIndex = -1;
  // Requests are handled one at a time; 'stop' is handled at once (it only sets a flag).
  let queue: Promise<void> = Promise.resolve();
  const handle = async (m: ToWorker): Promise<void> => {
    switch (m.type) {
      case 'init': {
        const t = performance.now();
        const engine = new WasmEngine(await instantiate(m.module));
        engine.setGeometry(m.geometry, m.codes, m.weights);
        const raw = engine.raw, c = m.config;
        raw.setProtected(c.protectedOps ? 1 : 0);
        if (c.linearScaling !== undefined) raw.setLinearScaling(c.linearScaling ? 1 : 0);
        raw.setConstSigma(c.constantSigma);
        raw.setConstRange(c.constantRange[0], c.constantRange[1]);
        const { buffer, rows, inputs, yOffset, gradientOffset } = m.data;
        const columns = Array.from({ length: inputs }, (_, k) => new Float32Array(buffer, 4 * k * rows, rows));
        const y = yOffset >= 0 ? new Float64Array(buffer, yOffset, rows) : undefined;
        const tc = performance.now();
        const data = engine.loadData(columns, rows, y); // the copy into this instance's WASM memory
        const copyMs = performance.now() - tc;
        engine.useForFitness(data);
        if (gradientOffset >= 0) {
          useGradientTarget(engine, data, Array.from({ length: inputs }, (_, k) => new Float32Array(buffer, gradientOffset + 4 * k * rows, rows)));
        }
        const loadMs = performance.now() - t;
        island = new Island(engine, c, m.seed, post, m.restore);
        fault = m.fault; islandIndex = m.island;
        post({ type: 'inited', loadMs, copyMs });
        return;
      }
      case 'epoch': {
        if (!island) throw new Error('epoch before init');
        if (fault && fault.island === islandIndex && fault.epoch === m.epoch) {
          if (fault.mode === 'crash') { setTimeout(() => { throw new Error(`test fault: island ${islandIndex} crashed`); }, 0); await new Promise(() => {}); }
          throw new Error(`test fault: island ${islandIndex} failed in epoch ${m.epoch}`);
        }
        const report = await island.epoch(m.generations, m.target, m.immigrant);
        post({ type: 'epochDone', ...report });
        return;
      }
      case 'snapshot':
        if (!island) throw new Error('snapshot before init');
        post({ type: 'state', state: island.snapshot() });
        return;
      case 'collect':
        if (!island) throw new Error('collect before init');
        post({ type: 'hof', members: island.hallOfFame() });
        return;
      default:
        return;
    }
  };
  port.onMessage((raw) => {
    const m = raw as ToWorker;
    if (m.type === 'stop') { if (island) island.stopRequested = true; return; }
    queue = queue.then(() => handle(m)).catch((e: unknown) => {
      const err = e as { code?: unknown; message?: unknown };
      post({ type: 'error', code: typeof err?.code === 'string' ? err.code : 'E_WORKER', message: String(err?.message ?? e) });
    });
  });
  post({ type: 'ready' });
}

void main();
