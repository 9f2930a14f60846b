/**
 * `ObserverOffsets`: 1. `UnknownGroup`; 2. answer `OffsetsFetched`: the
 * group's committed offsets (transactional ones only once committed), sorted
 * by topic name, then partition. Changes nothing.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `ObserverOffsets` handler. */
export const observerOffsets: Handler<"ObserverOffsets", "OffsetsFetched"> = (s, { group }) => {
  const { config, offsetStore: offsets } = s
  config.requireGroup(group)
  return { _tag: "OffsetsFetched", group, offsets: offsets.committedListOf(group) }
}

