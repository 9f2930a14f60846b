/**
 * What `DownstreamDown` and `DownstreamUp` share: 1. `UnknownGroup`;
 * 2. `NoFailurePolicy` unless the group has a `failure` config; 3. the
 * group's downstream is set (as it is: stays so); answer `DownstreamSet`.
 * The breaker is not touched.
 *
 * @module
 */
import { Effect } from "effect"
import type { ResponseOf } from "../../../spec/response.ts"
import { BrokerConfig } from "../../brokerConfig.ts"
import { NoFailurePolicy } from "../../errors.ts"
import { Downstream } from "../../failure/downstream.ts"

/** Builds the setting of a group's downstream, up or down. */
export const makeSetDownstream = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const downstream = yield* Downstream
  /** Sets the group's downstream; throws `UnknownGroup` or `NoFailurePolicy`. */
  return (group: string, up: boolean): ResponseOf<"DownstreamSet"> => {
    const { failure } = config.requireGroup(group)
    if (failure === undefined) throw new NoFailurePolicy({ group })
    downstream.set(group, up)
    return { _tag: "DownstreamSet", group, up }
  }
})
