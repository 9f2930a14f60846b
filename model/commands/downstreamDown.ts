/**
 * `DownstreamDown`: a fault takes a group's downstream dependency down; every
 * attempt that calls it fails (cause `downstream`) until `DownstreamUp`.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { setDownstream } from "../failure/downstream.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `DownstreamDown`: `UnknownGroup`; `NoFailurePolicy` unless the group
 * has a `failure` config; the downstream is down (already down: stays so).
 * Answers `DownstreamSet` with `up: false`.
 */
export const downstreamDown = (state: ModelState, command: CommandOf<"DownstreamDown">): Transition =>
  setDownstream(state, command.group, false)
