/**
 * `DownstreamUp`: a group's downstream dependency comes back; later calls
 * succeed. The breaker is not touched: an open breaker still waits for its
 * cool-down and its half-open probe.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { setDownstream } from "../failure/downstream.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `DownstreamUp`: `UnknownGroup`; `NoFailurePolicy` unless the group
 * has a `failure` config; the downstream is up (already up: stays so).
 * Answers `DownstreamSet` with `up: true`.
 */
export const downstreamUp = (state: ModelState, command: CommandOf<"DownstreamUp">): Transition =>
  setDownstream(state, command.group, true)
