/**
 * `DownstreamUp`: 1. `UnknownGroup`; 2. `NoFailurePolicy` unless the group
 * has a `failure` config; 3. the group's downstream is up (later calls
 * succeed); answer `DownstreamSet` with `up: true`. The breaker is not
 * touched: an open breaker still waits for its cool-down and its probe.
 *
 * @module
 */
import type { Handler } from "./handler.ts"
import { setDownstream } from "./internal/setDownstream.ts"

/** The `DownstreamUp` handler. */
export const downstreamUp: Handler<"DownstreamUp", "DownstreamSet"> = (s, { group }) => setDownstream(s, group, true)
