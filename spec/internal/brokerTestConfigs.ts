/**
 * A queue config with broker restarts and a clock quantum, as the real
 * brokers' configs have them, for tests of the model, the built-in broker and
 * the generator (data only).
 *
 * @module
 */
import type { Config } from "../config.ts"
import { boundsDefault } from "../config.ts"

/** Two at-least-once queues (one with a dead-letter queue after 3 receives) and an at-most-once queue; restarts; 500 ms quantum. */
export const configRestarts: Config = {
  topics: [],
  groups: [],
  sessionTimeoutMs: 30_000,
  queues: [
    { name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 2_000, receiveCountMax: 3, deadLetterQueue: "jobs-dlq" },
    { name: "jobs-dlq", mode: "at-least-once", visibilityTimeoutMs: 2_000 },
    { name: "events", mode: "at-most-once", visibilityTimeoutMs: 1_000 }
  ],
  bounds: { ...boundsDefault, commandsMax: 40 },
  clockQuantumMs: 500,
  brokerRestarts: true
}
