/**
 * `ProducerCrash`: a producer's process dies; its client state is gone, the
 * broker keeps everything (an open transaction included).
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { clientsWith } from "../producer/client.ts"
import type { ModelState, Transition } from "../state.ts"
import { withProducers } from "../state.ts"

/** Runs `ProducerCrash`: the producer's client is dropped (if it had one). Always answers `ProducerCrashed`. */
export const producerCrash = (state: ModelState, command: CommandOf<"ProducerCrash">): Transition => ({
  state: withProducers(state, clientsWith(state.producers, command.producer, undefined), state.coordinator),
  response: { _tag: "ProducerCrashed", producer: command.producer }
})
