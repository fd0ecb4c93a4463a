#!/usr/bin/env node
// The eqlens command: one file per subcommand, thin over the library. Errors print their code
// and message on stderr and exit 2; Ctrl-C stops a search cleanly with its best result so far.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { EqlensError } from '../errors.js';
import { runSr, SR_HELP } from './sr.js';
import { runInspect, INSPECT_HELP } from './inspect.js';
import { runTrain, TRAIN_HELP } from './train.js';
import { runSrnet, SRNET_HELP } from './srnet.js';
import { runDistill, DISTILL_HELP } from './distill.js';
import { runTaylor, TAYLOR_HELP } from './taylor.js';
import { runGradients, GRADIENTS_HELP } from './gradients.js';
import { runAttribute, ATTRIBUTE_HELP } from './attribute.js';
import { runEnergy, ENERGY_HELP } from './energy.js';
import { runDemo, DEMO_HELP } from './demo.js';

const HELP = `eqlens — turn trained neural networks into equations

Commands:
  demo     Coulomb's law: train a network, recover the law with SRNet and distill, write a report
           ${DEMO_HELP.split('\n')[0]}
  sr       symbolic regression on a CSV file
           ${SR_HELP.split('\n')[0]}
  srnet    the hidden semantics of every layer and the whole network as one equation
           ${SRNET_HELP.split('\n')[0]}
  distill  symbolic regression on points the network labels in a box (the network as an oracle)
           ${DISTILL_HELP.split('\n')[0]}
  taylor   a truncated Taylor polynomial of the network from its exact derivatives
           ${TAYLOR_HELP.split('\n')[0]}
  gradients  the simplest expression whose gradient matches a classifier's decision or a unit's
           ${GRADIENTS_HELP.split('\n')[0]}
  attribute  contextual decomposition of one prediction: feature and group scores, interactions, hierarchy
           ${ATTRIBUTE_HELP.split('\n')[0]}
  energy   a network on categorical inputs as an energy model: fields, couplings, R² per order
           ${ENERGY_HELP.split('\n')[0]}
  train    train a network on a CSV file and write it as eqlens-mlp-v1 JSON
           ${TRAIN_HELP.split('\n')[0]}
  inspect  layers, sizes, activations and parameter count of a network
           ${INSPECT_HELP.split('\n')[0]}

Run 'eqlens <command> --help' for its options.`;

export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const [cmd, ...rest] = argv;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    switch (cmd) {
      case 'sr': await runSr(rest, out, controller.signal); return 0;
      case 'inspect': await runInspect(rest, out); return 0;
      case 'train': await runTrain(rest, out, controller.signal); return 0;
      case 'srnet': await runSrnet(rest, out, controller.signal); return 0;
      case 'distill': await runDistill(rest, out, controller.signal); return 0;
      case 'taylor': await runTaylor(rest, out); return 0;
      case 'gradients': await runGradients(rest, out, controller.signal); return 0;
      case 'attribute': await runAttribute(rest, out); return 0;
      case 'energy': await runEnergy(rest, out, controller.signal); return 0;
      case 'demo': await runDemo(rest, out, controller.signal); return 0;
      case undefined: case '--help': case 'help': out(HELP); return 0;
      default: throw new EqlensError('E_OPTION', `unknown command "${cmd}"; try: eqlens --help`);
    }
  } catch (e) {
    if (e instanceof EqlensError) {
      process.stderr.write(`eqlens: ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

// Run when executed directly (not when imported by tests).
const invoked = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invoked) {
  // A reader that stops early (`eqlens … | head`) closes stdout: end quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`eqlens: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
