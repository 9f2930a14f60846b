/**
 * The usage text of `qsem replay`, on its own so that `qsem --help` prints it
 * without loading the command.
 *
 * @module
 */

/** Usage text of `qsem replay`. */
export const replayUsage = `qsem replay <trace file> [--verbatim] [--drain]
            [--target builtin|builtin-sql|model|mutant:<name>|<broker>[:<setting>]|stdio:<command line>|<module path>]
            [--guarantees ID,ID...] [--guarantees-only] [--answer-timeout MS] [--broker-address HOST:PORT]
  Reruns the trace on the target (default: the target the trace names) and the model, and prints
  each step with the first divergence and every violation marked. A trace that saved its choices is
  re-decoded: the application follows this target's answers, then drains the groups the saved drain
  covered (every group unless the trace's drainGroups names fewer); the table marks
  where the run departs from the recorded commands.
  --verbatim: replay the recorded commands as they are (traces without choices always replay so).
  --drain: end a verbatim replay with the standard drain (for a trace saved without one).
  --guarantees ID,ID...: judge only these guarantees (the model's answers are still compared).
  Guarantees judged on drained histories are reported as not judged for groups the history does not
  show drained. Exit 1 while it still fails, 0 once it passes (with --guarantees-only a divergence
  alone passes).
  --answer-timeout MS: real milliseconds to wait for an answer that does not come at once (default 10000;
  60000 on a real broker, whose server qsem starts and stops as for 'qsem check').`
