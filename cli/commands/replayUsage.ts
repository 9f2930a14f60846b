/**
 * The usage text of `qsem replay`, on its own so that `qsem --help` prints it
 * without loading the command.
 *
 * @module
 */

/** Usage text of `qsem replay`. */
export const replayUsage = `qsem replay <trace file> [--target builtin|model|mutant:<name>|stdio:<command line>|<module path>] [--guarantees-only]
  Reruns the trace's commands on the target (default: the target the trace names) and the model,
  prints each step with the first divergence and every violation marked.
  Exit 1 while it still fails, 0 once it passes (with --guarantees-only a divergence alone passes).`
