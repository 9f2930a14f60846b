/**
 * `DownstreamDown`, a fault: 1. `UnknownGroup`; 2. `NoFailurePolicy` unless
 * the group has a `failure` config; 3. the group's downstream is down (every
 * later call fails, cause `downstream`, until `DownstreamUp`); answer
 * `DownstreamSet` with `up: false`.
 *
 * @module
 */
import { Effect } from "effect"
import type { Handler } from "./handler.ts"
import { makeSetDownstream } from "./internal/setDownstream.ts"

/** The `DownstreamDown` handler. */
export const makeDownstreamDown = Effect.gen(function*() {
  const setDownstream = yield* makeSetDownstream
  const handler: Handler<"DownstreamDown", "DownstreamSet"> = ({ group }) => setDownstream(group, false)
  return handler
})
