/**
 * `ConsumerProcess`: 1. `UnknownGroup`; 2. `UnknownMember` unless running
 * (processing is local) and 3. `NotDelivered` unless buffered, both checked
 * by the client; 3a. in a group with a `failure` config, the attempt (see
 * `failure/attempt.ts`): refused (`BackoffPending`, `BreakerOpen`), failed
 * (`ProcessFailed`), dead-lettered (`ProcessDeadLettered`), or a successful
 * downstream call after which processing goes on; 4. in an `exactly-once` group, checks 2 and 4 of
 * `ProducerSend` for the member's producer `<group>/<member>`, before
 * anything is written (a failed check leaves the record buffered); 5. the
 * writes, in order: the group's external effect in its effect store (see
 * `effect/effectWrites.ts`), then in an `exactly-once` group the result (key
 * of the record, value `<topic>/<partition>@<offset>`) sent to the group's
 * output topic, exactly as `ProducerSend` sends; 6. the first matching buffer
 * entry is removed (the sink is the application's: the broker keeps none);
 * answer `Processed` (with `output` in an `exactly-once` group, `effect` in a
 * group with an effect).
 *
 * With `crashMidway`, the member's process dies right after the first write
 * of step 5 (before any, when there is none), as `ConsumerCrash` makes it
 * die; answer `ProcessCrashed` with what was written. A failed or refused
 * attempt of step 3a ignores `crashMidway`.
 *
 * @module
 */
import { memberProducerName } from "../../spec/config.ts"
import type { EffectOutcome } from "../../spec/effect.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import { writeEffect } from "../effect/effectWrites.ts"
import { attempt } from "../failure/attempt.ts"
import { send, sendChecks } from "../producer/send.ts"
import type { Handler } from "./handler.ts"
import { crashMember } from "./internal/crashMember.ts"

/**
 * The `ConsumerProcess` handler (answering `Processed`, or `ProcessCrashed`
 * with `crashMidway`; in a group with a `failure` config also
 * `ProcessFailed` or `ProcessDeadLettered`).
 */
export const consumerProcess: Handler<"ConsumerProcess", "Processed" | "ProcessCrashed" | "ProcessFailed" | "ProcessDeadLettered"> = (s, command) => {
  const { clock, config, consumerClients: clients } = s
  const { group, member, offset, partition, topic } = command
  const { effect, failure, mode, outputTopic } = config.requireGroup(group)
  if (failure !== undefined) {
    const outcome = attempt(s, group, failure, member, clients.buffered(group, member, topic, partition, offset))
    if (outcome !== undefined) return outcome
  }
  const crashMidway = command.crashMidway === true
  const exactlyOnce = mode === "exactly-once" && outputTopic !== undefined
  if (!exactlyOnce && effect === undefined && !crashMidway) {
    clients.process(group, member, topic, partition, offset)
    return { _tag: "Processed", group, member, topic, partition, offset }
  }
  const input = clients.buffered(group, member, topic, partition, offset)
  const producer = memberProducerName(group, member)
  if (exactlyOnce) sendChecks(s, producer)
  /** The answer's fields after the record's: the output record and the effect's outcome, each when there is one. */
  const outputAndEffect = (output: PartitionOffset | undefined, outcome: EffectOutcome | undefined) => ({
    ...(output === undefined ? {} : { output }),
    ...(outcome === undefined ? {} : { effect: outcome })
  })
  const crashed = (output: PartitionOffset | undefined, outcome: EffectOutcome | undefined) => {
    crashMember(s, group, mode, member)
    return { _tag: "ProcessCrashed" as const, group, member, topic, partition, offset, ...outputAndEffect(output, outcome) }
  }

  const written = effect === undefined
    ? undefined
    : writeEffect(s, group, effect, input, clock.nowMs(), crashMidway)
  if (crashMidway && written?.wrote === true) return crashed(undefined, written.outcome)
  let output: PartitionOffset | undefined
  if (exactlyOnce) {
    output = send(s, {
      producer,
      topic: config.requireTopic(outputTopic),
      key: input.key,
      value: `${topic}/${partition}@${offset}`,
      ackLost: false
    })
  }
  if (crashMidway) return crashed(output, written?.outcome)
  clients.process(group, member, topic, partition, offset)
  return { _tag: "Processed", group, member, topic, partition, offset, ...outputAndEffect(output, written?.outcome) }
}

