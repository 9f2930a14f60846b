/**
 * A group's downstream dependency (spec/failure.ts): up or down, set by the
 * `DownstreamDown` and `DownstreamUp` faults; every attempt that calls it
 * while it is down fails with cause `downstream`. It lives outside the
 * group's members (a crash does not bring it back) and starts up.
 *
 * @module
 */
import type { ModelState, Transition } from "../state.ts"
import { withFailure } from "../state.ts"
import type { FailureState } from "./failureState.ts"

/** Whether a downstream call made now succeeds. */
export const downstreamAnswers = (failure: FailureState): boolean => failure.downstreamUp

/** The failure state with the downstream up (`true`) or down; the same object when it already was. */
export const withDownstream = (failure: FailureState, up: boolean): FailureState =>
  failure.downstreamUp === up ? failure : { downstreamUp: up, breaker: failure.breaker, deadLetters: failure.deadLetters }

/**
 * `DownstreamDown` (`up: false`) and `DownstreamUp` (`up: true`):
 * `UnknownGroup`; `NoFailurePolicy` unless the group has a `failure` config;
 * then the downstream is set (the breaker untouched). Answers `DownstreamSet`.
 */
export const setDownstream = (state: ModelState, group: string, up: boolean): Transition => {
  const groupIndex = state.world.groupIndex.get(group)
  if (groupIndex === undefined) return { state, response: { _tag: "UnknownGroup", group } }
  const failure = state.failures[groupIndex]
  if (failure === undefined) return { state, response: { _tag: "NoFailurePolicy", group } }
  return { state: withFailure(state, groupIndex, withDownstream(failure, up)), response: { _tag: "DownstreamSet", group, up } }
}
