/**
 * The small config of the hand-written test histories: `orders` with two
 * partitions and `payments` with one; `billing` reads orders at least once,
 * `metrics` reads orders at most once, and nobody reads payments.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"

/** See the module comment. */
export const configTest: Config = {
  topics: [
    { name: "orders", partitions: 2 },
    { name: "payments", partitions: 1 }
  ],
  groups: [
    { name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders"] },
    { name: "metrics", mode: "at-most-once", assignor: "round-robin", topics: ["orders"] }
  ],
  sessionTimeoutMs: 1000,
  bounds: {
    producersMax: 1,
    membersPerGroupMax: 3,
    keysMax: 2,
    recordsPerPollMax: 3,
    clockAdvanceMsMax: 1000,
    commandsMax: 20
  }
}
