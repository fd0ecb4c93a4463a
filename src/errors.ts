/**
 * The one error class of eqlens. `code` is stable and machine-readable; `message` names the
 * file, line, column or option at fault.
 *
 * @example
 * try { await sr.fit([[1], [2]], [1]); }
 * catch (e) { if (e instanceof EqlensError && e.code === 'E_DATA_SHAPE') console.error(e.message); }
 */
export class EqlensError extends Error {
  override readonly name = 'EqlensError';
  constructor(readonly code: EqlensErrorCode, message: string) {
    super(message);
  }
}

export type EqlensErrorCode =
  | 'E_DATA_SHAPE'     // ragged rows, X/y length mismatch, wrong dimensions
  | 'E_DATA_EMPTY'     // no rows or no columns
  | 'E_DATA_VALUE'     // NaN, Inf or a non-numeric cell
  | 'E_CSV'            // a CSV/TSV file that cannot be read as a table
  | 'E_CSV_COLUMN'     // a named column that is not in the file
  | 'E_OPTION'         // an unknown option or an option with a bad value
  | 'E_FUNCTION'       // an unknown function name
  | 'E_NOT_FITTED'     // predict/best before fit
  | 'E_ABORTED'        // cancelled before any result existed
  | 'E_WASM_LOAD'      // eqlens.wasm could not be found or compiled
  | 'E_WASM_ABORT'     // the WASM module trapped
  | 'E_EXPRESSION'     // an expression that cannot be parsed or decoded
  | 'E_MODEL'          // a network file or layer eqlens cannot use (names the layer)
  | 'E_IO'             // a file that cannot be read or written
  | 'E_CHECKPOINT'     // a checkpoint that does not belong to this search (options, data or version differ)
  | 'E_WORKER';        // a worker thread of a parallel search failed (the search is stopped, every worker ended)
