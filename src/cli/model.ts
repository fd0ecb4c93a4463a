// Reading a network file for any command: the eqlens-mlp-v1 format, or a tfjs model.json (with its
// weight files beside it). Errors name the file.
import { readFile } from 'node:fs/promises';
import { EqlensError } from '../errors.js';
import { Mlp } from '../nn/mlp.js';
import { loadTfjsModel, mlpFromTfjs } from '../nn/tfjs-convert.js';

export async function readModelFile(file: string): Promise<Mlp> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new EqlensError('E_IO', `cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EqlensError('E_MODEL', `${file}: not valid JSON (${(e as Error).message})`);
  }
  try {
    if (json && typeof json === 'object' && 'modelTopology' in json) return mlpFromTfjs(await loadTfjsModel(file));
    return Mlp.fromJSON(json);
  } catch (e) {
    if (e instanceof EqlensError) throw new EqlensError(e.code, e.message.startsWith(file) ? e.message : `${file}: ${e.message}`);
    throw e;
  }
}
