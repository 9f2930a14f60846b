/**
 * qsem: a verification kit for message-queue delivery semantics.
 *
 * - `spec`: the vocabulary (Config, Command, Response, History, Trace, the guarantee catalogue).
 * - `Target` / `TargetSession`: implement these to check your own queue.
 * - `builtinTarget` and `mutants`: the Effect broker and its deliberately broken variants.
 * - `stdioTarget`: a process in any language, over JSON lines (docs/stdio-targets.md).
 * - `Model`: the pure state machine (`init`, `step`).
 * - `checkTarget` and `replayTrace`: model-based checking and trace replay.
 *
 * @module
 */
export * from "./spec/index.ts"
export type { Target, TargetSession } from "./impl/target.ts"
export { builtinTarget, idleMsDefault, mutants, stdioTarget, type StdioTargetOptions } from "./impl/index.ts"
export * as Model from "./model/index.ts"
export { modelTarget } from "./properties/modelTarget.ts"
export {
  checkTarget,
  type CheckOptions,
  type ParallelOptions,
  type CheckProgress,
  type CheckReport,
  type GuaranteeTally,
  type MinimizeStats,
  shrinkAttemptsMaxDefault,
  shrinkCommandsMaxDefault
} from "./properties/check/checkTarget.ts"
export { minimizeAttemptsMaxDefault, type ShrinkProgress } from "./properties/check/minimize.ts"
export { evaluateRun, type NotJudged, type RunVerdicts } from "./properties/check/evaluate.ts"
export { choiceFieldMax, choicesArbitrary } from "./properties/choice.ts"
export { soakArbitrary } from "./properties/soak.ts"
export { historyOf, runChoices, runCommands, runCommandsDrained, type Run, type RunOptions } from "./properties/run.ts"
export { answerTimeoutAfterHang, answerTimeoutAfterHangMs, answerTimeoutMsDefault, type LockstepOptions } from "./properties/lockstep.ts"
export type { GuaranteeCheck, Violation } from "./properties/guarantees/check.ts"
export { replayTrace, type Departure, type ReplayMode, type ReplayOptions, type ReplayResult } from "./properties/replay/replayTrace.ts"
export { readTraceFile, encodeTraceText, writeTraceFile, TraceFileError } from "./properties/trace/traceFile.ts"
export { guaranteeChecks, guaranteeCheckById } from "./properties/guarantees/index.ts"
