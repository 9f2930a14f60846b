/**
 * `ObserverOffsets`: 1. `UnknownGroup`; 2. answer `OffsetsFetched`: the
 * group's committed offsets (transactional ones only once committed), sorted
 * by topic name, then partition. Changes nothing.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerConfig } from "../brokerConfig.ts"
import { OffsetStore } from "../offsetStore.ts"
import type { Handler } from "./handler.ts"

/** The `ObserverOffsets` handler. */
export const makeObserverOffsets = Effect.gen(function*() {
  const config = yield* BrokerConfig
  const offsets = yield* OffsetStore
  const handler: Handler<"ObserverOffsets", "OffsetsFetched"> = ({ group }) => {
    config.requireGroup(group)
    return { _tag: "OffsetsFetched", group, offsets: offsets.committedListOf(group) }
  }
  return handler
})
