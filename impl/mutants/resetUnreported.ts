/**
 * `mutant:reset-unreported`: a poll whose start retention deleted resets it
 * as the group's `autoOffsetReset` says, but the answer leaves `resets` out:
 * the silent `auto.offset.reset` of a client that logs the reset at DEBUG
 * level, or of an application that never looks. The skipped records are
 * lost and nobody is told, so the loss is indistinguishable from a broker
 * that dropped them. Breaks `RetentionLossesAreDocumented`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { ConsumerClients, type ConsumerClientsShape, deliverInOrder, makeConsumerClientsWith } from "../consumerClients.ts"
import type { Target } from "../target.ts"

/** Consumer clients that reset as they should and report no reset. */
export const makeConsumerClientsResettingSilently = Effect.map(
  makeConsumerClientsWith(deliverInOrder),
  (real): ConsumerClientsShape => ({
    ...real,
    poll: (group, member, recordsMax) => ({ records: real.poll(group, member, recordsMax).records, resets: [] })
  })
)

/** The silently resetting clients as the broker's `ConsumerClients` layer. */
export const clientsResetSilentlyLayer = Layer.effect(ConsumerClients, makeConsumerClientsResettingSilently)

/** The built-in broker with {@link clientsResetSilentlyLayer}: polls reset without saying so. */
export const resetUnreported: Target = makeBrokerTarget("mutant:reset-unreported", { consumerClients: clientsResetSilentlyLayer })
