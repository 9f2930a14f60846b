/**
 * The config of the hand-written effect and service histories: `orders`
 * (two partitions), `payments`, `results` (the output topic) and `events`
 * (one partition each). Groups: `eo` reads payments exactly once into
 * results with an effect of remedy `none`; `atomic` (window 1000 ms),
 * `kte` (`key-then-effect`, window 1000 ms) and `etk` (`effect-then-key`,
 * no window) read orders at least once with an idempotency key; `cas` reads
 * orders at least once with a conditional update, in delivery order.
 * Services publishing to events: `shop` (outbox), `legacy`
 * (commit-then-send) and `ledger` (send-then-commit).
 *
 * @module
 */
import type { Config, EffectConfig, GroupConfig } from "../../../spec/index.ts"

/** See the module comment. */
export const configEffects: Config = {
  topics: [
    { name: "orders", partitions: 2 },
    { name: "payments", partitions: 1 },
    { name: "results", partitions: 1 },
    { name: "events", partitions: 1 }
  ],
  groups: [
    { name: "eo", mode: "exactly-once", assignor: "range", topics: ["payments"], outputTopic: "results", effect: { remedy: "none" } },
    { name: "atomic", mode: "at-least-once", assignor: "range", topics: ["orders"], effect: { remedy: "idempotency-key", dedupWindowMs: 1000 } },
    {
      name: "kte",
      mode: "at-least-once",
      assignor: "range",
      topics: ["orders"],
      effect: { remedy: "idempotency-key", dedupWindowMs: 1000, dedupOrder: "key-then-effect" }
    },
    { name: "etk", mode: "at-least-once", assignor: "range", topics: ["orders"], effect: { remedy: "idempotency-key", dedupOrder: "effect-then-key" } },
    { name: "cas", mode: "at-least-once", assignor: "range", topics: ["orders"], processingOrder: "delivery", effect: { remedy: "conditional-update" } }
  ],
  services: [
    { name: "shop", topic: "events", publish: "outbox" },
    { name: "legacy", topic: "events", publish: "commit-then-send" },
    { name: "ledger", topic: "events", publish: "send-then-commit" }
  ],
  sessionTimeoutMs: 1000,
  bounds: {
    producersMax: 1,
    membersPerGroupMax: 2,
    keysMax: 2,
    recordsPerPollMax: 3,
    clockAdvanceMsMax: 1000,
    commandsMax: 30
  }
}

/** `configEffects` with one group's effect replaced (`undefined`: removed). */
export const withEffect = (group: string, effect: EffectConfig | undefined): Config => ({
  ...configEffects,
  groups: configEffects.groups.map((candidate): GroupConfig => {
    if (candidate.name !== group) return candidate
    const { effect: _, ...rest } = candidate
    return effect === undefined ? rest : { ...rest, effect }
  })
})
