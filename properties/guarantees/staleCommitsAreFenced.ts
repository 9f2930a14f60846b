/**
 * StaleCommitsAreFenced: a commit from a member whose generation is older
 * than its group's current generation is rejected.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { alwaysByEntry, type EntryCheck } from "./internal/entryWalk.ts"
import { showRecord } from "./internal/keys.ts"

/**
 * The first `Committed` answer to a member whose last learned generation
 * (from `Joined`, `HeartbeatOk`, `RebalanceInProgress`; none counts as 0) is
 * older than the latest generation of its group seen so far, including the
 * one the answer itself names.
 */
const entryCheckOf = (): EntryCheck => (entry, step, replay): Violation | undefined => {
  const response = entry.response
  if (response._tag === "Committed") {
    const group = replay.group(response.group)
    const learned = group.client(response.member).generation
    const latest = Math.max(group.generationMax, response.generation)
    if ((learned ?? 0) < latest) {
      const what =
        response.offsets.length === 0
          ? "an empty commit"
          : `a commit of ${response.offsets.map((o) => showRecord(o.topic, o.partition, o.offset)).join(", ")}`
      const known = learned === undefined ? "learned no generation" : `last learned generation ${learned}`
      return {
        step,
        message: `${response.group} accepted ${what} from member ${response.member}, which ${known}, while the group is at generation ${latest}`
      }
    }
  }
  return undefined
}

/** Some commit was answered `StaleGeneration`. */
const sometimes = (history: History, _config: Config): boolean =>
  history.some((entry) => entry.response._tag === "StaleGeneration")

/** The checker of StaleCommitsAreFenced. */
export const staleCommitsAreFenced: GuaranteeCheck = {
  id: "StaleCommitsAreFenced",
  always: alwaysByEntry(entryCheckOf),
  sometimes,
  entryCheckOf
}
