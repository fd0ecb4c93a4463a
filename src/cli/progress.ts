// A progress bar on stderr (cli-progress), only when stderr is a terminal.
import cliProgress from 'cli-progress';
import type { SearchProgress } from '../search/options.js';

export interface ProgressSink {
  update(p: SearchProgress): void;
  stop(): void;
}

/** `unit` names the counted steps (generations by default, e.g. 'epoch' for training). */
export function progressBar(label: string, unit = 'gen', lossName = 'best loss'): ProgressSink {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | ${unit} {value}/{total} | ${lossName} {loss} | {eta_formatted}`,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(p) {
      if (!started) { bar.start(p.generations, 0, { loss: '-' }); started = true; }
      bar.update(p.generation, { loss: p.bestLoss.toExponential(3) });
    },
    stop() { if (started) bar.stop(); },
  };
}
