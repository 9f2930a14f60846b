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
import { NoFailurePolicy, type UnknownGroup } from "../../errors.ts"
import { Downstream } from "../../failure/downstream.ts"

/** Builds the setting of a group's downstream, up or down. */
export const makeSetDownstream = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const downstream = yield* Downstream
  return (group: string, up: boolean): Effect.Effect<ResponseOf<"DownstreamSet">, UnknownGroup | NoFailurePolicy> =>
    Effect.gen(function*() {
      const { failure } = yield* config.requireGroup(group)
      if (failure === undefined) return yield* new NoFailurePolicy({ group })
      yield* downstream.set(group, up)
      return { _tag: "DownstreamSet", group, up }
    })
})
