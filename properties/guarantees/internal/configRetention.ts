/**
 * The retention config of the hand-written test histories: `events` (two
 * partitions) keeps records for 20 s and at most three per partition;
 * `audit` keeps everything. `replayer` (at least once) resets to the
 * earliest offset, `tailer` to the latest, `strict` is refused (`none`),
 * all reading `events`, and `metrics` reads it at most once (default
 * `latest`); `archive` reads `audit` at least once.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"

/** See the module comment. */
export const configRetention: Config = {
  topics: [
    { name: "events", partitions: 2, retentionMs: 20000, retentionRecordsMax: 3 },
    { name: "audit", partitions: 1 }
  ],
  groups: [
    { name: "replayer", mode: "at-least-once", assignor: "range", topics: ["events"], autoOffsetReset: "earliest" },
    { name: "tailer", mode: "at-least-once", assignor: "range", topics: ["events"], autoOffsetReset: "latest" },
    { name: "strict", mode: "at-least-once", assignor: "range", topics: ["events"], autoOffsetReset: "none" },
    { name: "metrics", mode: "at-most-once", assignor: "range", topics: ["events"] },
    { name: "archive", mode: "at-least-once", assignor: "range", topics: ["audit"] }
  ],
  sessionTimeoutMs: 30000,
  bounds: { producersMax: 1, membersPerGroupMax: 2, keysMax: 2, recordsPerPollMax: 3, clockAdvanceMsMax: 15000, commandsMax: 40 }
}
