/**
 * The failure config of the hand-written test histories: `orders` with two
 * partitions is read by `billing` (at least once, three attempts with 1 s
 * exponential backoff, then `billing-dlt`, behind a breaker that opens after
 * two failed calls and pauses for 5 s), `audit` (at most once, two attempts
 * with 500 ms backoff, then `audit-dlt`, a breaker that opens after two
 * failed calls and dead-letters for 3 s) and `naive` (at least once, policy
 * `none`); `reader` reads `billing-dlt` at least once, without a failure
 * config.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"

/** See the module comment. */
export const configFailure: Config = {
  topics: [
    { name: "orders", partitions: 2 },
    { name: "billing-dlt", partitions: 1 },
    { name: "audit-dlt", partitions: 1 }
  ],
  groups: [
    {
      name: "billing",
      mode: "at-least-once",
      assignor: "range",
      topics: ["orders"],
      failure: {
        policy: "retry-then-dead-letter",
        attemptsMax: 3,
        backoffMs: 1000,
        deadLetterTopic: "billing-dlt",
        breaker: { failuresMax: 2, coolDownMs: 5000, whileOpen: "pause" }
      }
    },
    {
      name: "audit",
      mode: "at-most-once",
      assignor: "round-robin",
      topics: ["orders"],
      failure: {
        policy: "retry-then-dead-letter",
        attemptsMax: 2,
        backoffMs: 500,
        deadLetterTopic: "audit-dlt",
        breaker: { failuresMax: 2, coolDownMs: 3000, whileOpen: "dead-letter" }
      }
    },
    { name: "naive", mode: "at-least-once", assignor: "range", topics: ["orders"], failure: { policy: "none" } },
    { name: "reader", mode: "at-least-once", assignor: "range", topics: ["billing-dlt"] }
  ],
  sessionTimeoutMs: 30000,
  bounds: { producersMax: 1, membersPerGroupMax: 2, keysMax: 2, recordsPerPollMax: 3, clockAdvanceMsMax: 8000, commandsMax: 40 }
}
