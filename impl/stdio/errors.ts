/**
 * How a stdio target process can fail, as typed errors. Each carries one
 * readable line (`message`); at the Target boundary they become defects, which
 * the lockstep runner reports as a one-line target failure at that step.
 *
 * @module
 */
import { Data } from "effect"

/** The process could not be started (command not found, not executable). */
export class StdioSpawnFailed extends Data.TaggedError("StdioSpawnFailed")<{
  readonly message: string
}> {}

/** The process exited, was killed, or closed its stdin or stdout before it answered. */
export class StdioProcessEnded extends Data.TaggedError("StdioProcessEnded")<{
  readonly message: string
}> {}

/** The process printed a line that is not the reply the protocol expects at that point. */
export class StdioProtocolViolated extends Data.TaggedError("StdioProtocolViolated")<{
  readonly message: string
}> {}

/** The process answered with an `{"type":"error"}` line: it cannot go on (its own message follows). */
export class StdioTargetRefused extends Data.TaggedError("StdioTargetRefused")<{
  readonly message: string
}> {}

/** Any failure of a stdio target process. */
export type StdioFailure = StdioSpawnFailed | StdioProcessEnded | StdioProtocolViolated | StdioTargetRefused
