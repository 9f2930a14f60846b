/**
 * What a consumer's process dying does, shared by `ConsumerCrash` and a
 * `ConsumerProcess` with `crashMidway`: the client (generation, positions,
 * buffer, and the attempt counts of its failure policy) is destroyed, the
 * broker's membership stays, and in an
 * `exactly-once` group the member's producer `<group>/<member>` dies with it.
 *
 * @module
 */
import { Effect } from "effect"
import { type DeliveryMode, memberProducerName } from "../../../spec/config.ts"
import { ConsumerClients } from "../../consumerClients.ts"
import { ProcessAttempts } from "../../failure/attempts.ts"
import { ProducerClients } from "../../producer/producerClients.ts"

/** Builds the crash of a member's process (the caller checked that it runs). */
export const makeCrashMember = Effect.gen(function*() {
  const clients = yield* ConsumerClients
  const producers = yield* ProducerClients
  const attempts = yield* ProcessAttempts
  return (group: string, mode: DeliveryMode, member: string): void => {
    clients.destroy(group, member)
    attempts.forgetClient(group, member)
    if (mode === "exactly-once") producers.crash(memberProducerName(group, member))
  }
})
