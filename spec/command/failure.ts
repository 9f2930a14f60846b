/**
 * Failure commands: a group's downstream dependency goes down and comes back
 * (faults of the run), and a group's application redrives its dead-letter
 * records. See spec/failure.ts.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Name } from "../config.ts"

/**
 * A fault: the downstream dependency the group's processing calls goes down
 * (every later call fails, cause `downstream`, until `DownstreamUp`).
 *
 * 1. `UnknownGroup`. 2. `NoFailurePolicy` unless the group has a `failure`
 * config. 3. The downstream is down (already down: stays so). Answer:
 * `DownstreamSet` with `up: false`.
 */
export const DownstreamDown = Schema.TaggedStruct("DownstreamDown", {
  group: Name
})

/**
 * The group's downstream dependency comes back: later calls succeed.
 *
 * 1. `UnknownGroup`. 2. `NoFailurePolicy` unless the group has a `failure`
 * config. 3. The downstream is up (already up: stays so). Answer:
 * `DownstreamSet` with `up: true`. The breaker is not touched: an open
 * breaker still waits for its cool-down and its half-open probe.
 */
export const DownstreamUp = Schema.TaggedStruct("DownstreamUp", {
  group: Name
})

/**
 * The group's application moves its dead-letter records back to where they
 * came from, to be processed again (after the downstream recovered, or after
 * a fix for a poison payload).
 *
 * 1. `UnknownGroup`. 2. `NoDeadLetterTopic` unless the group's failure
 * policy is `retry-then-dead-letter`. 3. Every dead-letter record this group
 * published (`ConsumerProcess` answered `ProcessDeadLettered`) and has not
 * redriven yet, in the order it published them, is appended to its source
 * partition (the header's topic and partition; not re-partitioned), with the
 * record's key and value, by the producer `dead-letter:<group>` at `nowMs`,
 * as a plain record (no header). Dead-letter records that retention deleted
 * are redriven all the same (the application remembers what it published).
 * Answer: `DeadLettersRedriven`, one entry per record in that order
 * (possibly none).
 */
export const DeadLetterRedrive = Schema.TaggedStruct("DeadLetterRedrive", {
  group: Name
})
