/**
 * The config of the hand-written transaction histories: `orders` (two
 * partitions), `payments` (one) and `results` (one, the output topic);
 * producers `p` (plain, unlisted), `lp` (plain, listed: it loses
 * acknowledgements), `ip` (idempotent), `tp` and `tp2` (two
 * instances of transactional id `tx`); `billing` reads orders at least once
 * (read_uncommitted), `audit` reads orders at least once read_committed, and
 * `eo` reads payments exactly once, writing to results.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"

/** See the module comment. */
export const configTxn: Config = {
  topics: [
    { name: "orders", partitions: 2 },
    { name: "payments", partitions: 1 },
    { name: "results", partitions: 1 }
  ],
  groups: [
    { name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders"] },
    { name: "audit", mode: "at-least-once", assignor: "range", topics: ["orders"], isolation: "read_committed" },
    { name: "eo", mode: "exactly-once", assignor: "range", topics: ["payments"], outputTopic: "results" }
  ],
  producers: [
    { name: "lp", idempotent: false },
    { name: "ip", idempotent: true },
    { name: "tp", idempotent: true, transactionalId: "tx" },
    { name: "tp2", idempotent: true, transactionalId: "tx" }
  ],
  sessionTimeoutMs: 1000,
  transactionTimeoutMs: 5000,
  bounds: {
    producersMax: 2,
    membersPerGroupMax: 2,
    keysMax: 2,
    recordsPerPollMax: 3,
    clockAdvanceMsMax: 1000,
    commandsMax: 30
  }
}
