/**
 * The usage text of `qsem check`, on its own so that `qsem --help` prints it
 * without loading the command.
 *
 * @module
 */

/** Usage text of `qsem check`. */
export const checkUsage = `qsem check [--target builtin|model|mutant:<name>|stdio:<command line>|<module path>] [--runs N] [--seed S]
           [--commands-max N] [--config FILE] [--traces DIR] [--guarantees ID,ID...] [--guarantees-only]
  Generates runs, executes them in lockstep on the target and the model, checks every guarantee
  (or only those --guarantees names), prints a summary, and saves a shrunk counterexample to DIR
  (default traces/) when one fails. --seed S: an integer from -2147483648 to 2147483647.
  A config file may leave out bounds (defaults fill in) and list in witnessesOptional the
  guarantees it cannot witness; examples/configs/ has examples.
  --guarantees-only: a divergence from the model does not fail a run (for targets whose answers
  may legitimately differ, such as a real broker); the guarantees are still checked on its history.`
