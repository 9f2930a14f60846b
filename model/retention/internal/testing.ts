/**
 * Helpers for the retention tests of the model (and the broker's, which
 * reuse the config): topics with time and size retention beside one without,
 * a group per `autoOffsetReset`, and random commands for the purity property.
 *
 * @internal
 * @module
 */
import fc from "fast-check"
import type { Command } from "../../../spec/command.ts"
import type { Config } from "../../../spec/config.ts"
import { boundsDefault } from "../../../spec/config.ts"
import { cmd } from "../../internal/testing.ts"

/**
 * A config with retention for the tests: `timed` (2 partitions, records kept
 * 1,000 ms; key `k3` lands on partition 0, `k0` on 1), `sized` (1 partition,
 * at most 2 records kept) and `kept` (1 partition, no retention); groups
 * over `sized` and `timed` (assignment order: `sized`/0, `timed`/0,
 * `timed`/1 for a lone member): `early` (`earliest`), `late` (`latest`),
 * `strict` (`none`), and `plain` (at-most-once, no setting, so `latest`),
 * which also reads `kept`.
 */
export const configRetention: Config = {
  topics: [
    { name: "timed", partitions: 2, retentionMs: 1000 },
    { name: "sized", partitions: 1, retentionRecordsMax: 2 },
    { name: "kept", partitions: 1 }
  ],
  groups: [
    { name: "early", mode: "at-least-once", assignor: "range", topics: ["sized", "timed"], autoOffsetReset: "earliest" },
    { name: "late", mode: "at-least-once", assignor: "range", topics: ["sized", "timed"], autoOffsetReset: "latest" },
    { name: "strict", mode: "at-least-once", assignor: "range", topics: ["sized", "timed"], autoOffsetReset: "none" },
    { name: "plain", mode: "at-most-once", assignor: "range", topics: ["sized", "timed", "kept"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds: boundsDefault
}

/** The members {@link commandArbRetention} acts as. */
export const membersRetention: ReadonlyArray<string> = ["a", "b"]

/**
 * Commands over {@link configRetention}, valid and invalid alike: keyed and
 * unkeyed sends to every topic (some with lost acknowledgements, and
 * retries), joins, leaves, polls, processings, commits and seeks at low
 * offsets (below log starts too), crashes, clock advances around the 1 s
 * retention, and dumps.
 */
export const commandArbRetention: fc.Arbitrary<Command> = (() => {
  const group = fc.constantFrom("early", "late", "strict", "plain", "nope")
  const member = fc.constantFrom(...membersRetention)
  const topic = fc.constantFrom("timed", "sized", "kept")
  const partition = fc.nat(1)
  const offset = fc.nat(6)
  const key = fc.option(fc.constantFrom("k0", "k3"), { nil: undefined })
  return fc.oneof(
    { arbitrary: fc.tuple(topic, key).map(([t, k]) => cmd.send("p", t, "v", k)), weight: 5 },
    { arbitrary: fc.tuple(topic, key).map(([t, k]) => cmd.sendLost("q", t, "w", k)), weight: 1 },
    { arbitrary: fc.constant(cmd.retry("q")), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.join(g, m)), weight: 2 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.leave(g, m)), weight: 1 },
    { arbitrary: fc.tuple(group, member, fc.integer({ min: 1, max: 3 })).map(([g, m, n]) => cmd.poll(g, m, n)), weight: 4 },
    { arbitrary: fc.tuple(group, member, topic, partition, offset).map(([g, m, t, p, o]) => cmd.process(g, m, t, p, o)), weight: 2 },
    { arbitrary: fc.tuple(group, member, topic, partition, offset).map(([g, m, t, p, o]) => cmd.commit(g, m, [{ topic: t, partition: p, offset: o }])), weight: 1 },
    { arbitrary: fc.tuple(group, member, topic, partition, offset).map(([g, m, t, p, o]) => cmd.seek(g, m, t, p, o)), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.crash(g, m)), weight: 1 },
    { arbitrary: fc.constantFrom(0, 1, 499, 500, 1000).map(cmd.advance), weight: 2 },
    { arbitrary: fc.tuple(topic, partition, offset).map(([t, p, o]) => cmd.dump(t, p, o, 3)), weight: 1 }
  )
})()
