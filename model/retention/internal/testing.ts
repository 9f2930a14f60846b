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
import { cmd } from "../../internal/testing.ts"

export { configRetention } from "../../../spec/internal/testConfigs.ts"
import { configRetention } from "../../../spec/internal/testConfigs.ts"

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
