/**
 * `ProducerCrash`: a producer's process dies; its client state is gone, the
 * broker keeps everything (an open transaction included).
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { clientsWith } from "../producer/producerClients.ts"
import { resolveProducerKind } from "../producer/kind.ts"
import type { ModelState, Transition } from "../state.ts"
import { withProducers } from "../state.ts"
import { withoutLastAppends } from "../producer/idempotence.ts"

/**
 * Runs `ProducerCrash`: the producer's client is dropped (if it had one); the
 * last appends of a non-transactional producer id die with it (no retry can
 * carry it again). Always answers `ProducerCrashed`.
 */
export const producerCrash = (state: ModelState, command: CommandOf<"ProducerCrash">): Transition => {
  const client = state.producers.get(command.producer)
  const transactional = resolveProducerKind(state.world, command.producer).transactionalId !== undefined
  const coordinator =
    client === undefined || client.producerId < 0 || transactional ? state.coordinator : withoutLastAppends(state.coordinator, client.producerId)
  return {
    state: withProducers(state, clientsWith(state.producers, command.producer, undefined), coordinator),
    response: { _tag: "ProducerCrashed", producer: command.producer }
  }
}
