/**
 * `DeadLetterRedrive`: 1. `UnknownGroup`; 2. `NoDeadLetterTopic` unless the
 * group's failure policy is `retry-then-dead-letter`; 3. every record the
 * group dead-lettered and has not redriven yet, in publishing order, is
 * appended to its source partition (the header's topic and partition, not
 * re-partitioned) with its key and value, by `dead-letter:<group>` at
 * `nowMs`, as a plain record (records retention deleted from the dead-letter
 * topic too: the application remembers what it published); answer
 * `DeadLettersRedriven`, one entry per record in that order (possibly none).
 *
 * @module
 */
import type { RedrivenRecord } from "../../spec/response.ts"
import { NoDeadLetterTopic } from "../errors.ts"
import type { Handler } from "./handler.ts"

/** The `DeadLetterRedrive` handler. */
export const deadLetterRedrive: Handler<"DeadLetterRedrive", "DeadLettersRedriven"> = (s, { group }) => {
  const { config, deadLetterLedger: ledger, deadLetterPublisher: publisher } = s
  const { failure } = config.requireGroup(group)
  if (failure?.policy !== "retry-then-dead-letter") throw new NoDeadLetterTopic({ group })
  const records: Array<RedrivenRecord> = []
  for (const entry of ledger.takeUnredriven(group)) {
    records.push({ deadLetter: entry.deadLetter, source: publisher.redrive(group, entry) })
  }
  return { _tag: "DeadLettersRedriven", group, records }
}

