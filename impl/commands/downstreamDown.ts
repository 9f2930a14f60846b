/**
 * `DownstreamDown`, a fault: 1. `UnknownGroup`; 2. `NoFailurePolicy` unless
 * the group has a `failure` config; 3. the group's downstream is down (every
 * later call fails, cause `downstream`, until `DownstreamUp`); answer
 * `DownstreamSet` with `up: false`.
 *
 * @module
 */
import type { Handler } from "./handler.ts"
import { setDownstream } from "./internal/setDownstream.ts"

/** The `DownstreamDown` handler. */
export const downstreamDown: Handler<"DownstreamDown", "DownstreamSet"> = (s, { group }) => setDownstream(s, group, false)
