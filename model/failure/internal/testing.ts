/**
 * Helpers for the failure tests of the model: a config with every failure
 * policy and breaker, command shorthands, and random commands for the
 * purity property.
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
 * A config with processing failures for the model's tests. Topic `orders` (2
 * partitions: key `k3` lands on 0, `k0` on 1) is read by `billing`
 * (at least once, `retry-then-dead-letter`: 3 attempts, backoff 1,000 ms, to
 * `billing-dlt`; a breaker opening after 3 failed calls, cool-down 5,000 ms,
 * pausing), `audit` (at most once, 2 attempts, backoff 500 ms, to `audit-dlt`
 * (2 partitions); a breaker opening after 2 failed calls, cool-down 3,000 ms,
 * dead-lettering while open), `storm` (the policy of `billing` without a
 * breaker, to `storm-dlt`), `naive` (policy `none`), `guarded` (policy
 * `none` behind a breaker: 2 failed calls, cool-down 1,000 ms, pausing) and
 * `plain` (no failure config). `reader` (no failure config) reads the
 * dead-letter topics `billing-dlt` and `audit-dlt`.
 */
export const configFailures: Config = {
  topics: [
    { name: "orders", partitions: 2 },
    { name: "billing-dlt", partitions: 1 },
    { name: "audit-dlt", partitions: 2 },
    { name: "storm-dlt", partitions: 1 }
  ],
  groups: [
    {
      name: "billing", mode: "at-least-once", assignor: "range", topics: ["orders"],
      failure: { policy: "retry-then-dead-letter", attemptsMax: 3, backoffMs: 1000, deadLetterTopic: "billing-dlt", breaker: { failuresMax: 3, coolDownMs: 5000, whileOpen: "pause" } }
    },
    {
      name: "audit", mode: "at-most-once", assignor: "range", topics: ["orders"],
      failure: { policy: "retry-then-dead-letter", attemptsMax: 2, backoffMs: 500, deadLetterTopic: "audit-dlt", breaker: { failuresMax: 2, coolDownMs: 3000, whileOpen: "dead-letter" } }
    },
    {
      name: "storm", mode: "at-least-once", assignor: "range", topics: ["orders"],
      failure: { policy: "retry-then-dead-letter", attemptsMax: 3, backoffMs: 1000, deadLetterTopic: "storm-dlt" }
    },
    { name: "naive", mode: "at-least-once", assignor: "range", topics: ["orders"], failure: { policy: "none" } },
    { name: "guarded", mode: "at-least-once", assignor: "range", topics: ["orders"], failure: { policy: "none", breaker: { failuresMax: 2, coolDownMs: 1000, whileOpen: "pause" } } },
    { name: "plain", mode: "at-least-once", assignor: "range", topics: ["orders"] },
    { name: "reader", mode: "at-least-once", assignor: "range", topics: ["billing-dlt", "audit-dlt"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds: boundsDefault
}

/** Shorthands for the failure commands, beside `cmd` of model/internal/testing.ts. */
export const fcmd = {
  down: (group: string): Command => ({ _tag: "DownstreamDown", group }),
  up: (group: string): Command => ({ _tag: "DownstreamUp", group }),
  redrive: (group: string): Command => ({ _tag: "DeadLetterRedrive", group }),
  /** A `ConsumerProcess` of `orders` partition `partition`. */
  process: (group: string, member: string, partition: number, offset: number): Command => cmd.process(group, member, "orders", partition, offset)
}

/** The producers {@link commandArbFailures} sends with, and the dead-letter producers, for snapshots. */
export const producersFailures: ReadonlyArray<string> = ["p", "dead-letter:billing", "dead-letter:audit", "dead-letter:storm"]

/** The members {@link commandArbFailures} acts as. */
export const membersFailures: ReadonlyArray<string> = ["a", "b"]

/**
 * Commands over {@link configFailures}, valid and invalid alike: sends of
 * plain and poison values (keyed or not), joins, leaves, polls, processings
 * (with and without `crashMidway`), commits, seeks, crashes, clock advances
 * around the backoffs and cool-downs, downstream faults and redrives.
 */
export const commandArbFailures: fc.Arbitrary<Command> = (() => {
  const group = fc.constantFrom("billing", "audit", "storm", "naive", "guarded", "plain", "reader", "nope")
  const failing = fc.constantFrom("billing", "billing", "audit", "audit", "storm", "guarded", "naive", "plain")
  const member = fc.constantFrom("a", "a", "a", "a", "b")
  const key = fc.option(fc.constantFrom("k0", "k3"), { nil: undefined })
  const value = fc.constantFrom("v0", "v1", "poison-0", "poison-1")
  const partition = fc.nat(1)
  const offset = fc.nat(2)
  return fc.oneof(
    { arbitrary: fc.tuple(value, key).map(([v, k]) => cmd.send("p", "orders", v, k)), weight: 3 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.join(g, m)), weight: 2 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.leave(g, m)), weight: 1 },
    { arbitrary: fc.tuple(group, member, fc.integer({ min: 1, max: 4 })).map(([g, m, n]) => cmd.poll(g, m, n)), weight: 3 },
    {
      arbitrary: fc.tuple(failing, member, partition, offset, fc.constantFrom(true, false, false, false, false, false)).map(([g, m, p, o, c]) =>
        c ? cmd.processCrash(g, m, "orders", p, o) : fcmd.process(g, m, p, o)),
      weight: 12
    },
    { arbitrary: fc.tuple(group, member, partition, offset).map(([g, m, p, o]) => cmd.commit(g, m, [{ topic: "orders", partition: p, offset: o }])), weight: 1 },
    { arbitrary: fc.tuple(group, member, partition, offset).map(([g, m, p, o]) => cmd.seek(g, m, "orders", p, o)), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.crash(g, m)), weight: 1 },
    { arbitrary: fc.constantFrom(0, 1, 499, 500, 1000, 3000, 5000).map(cmd.advance), weight: 4 },
    { arbitrary: fc.oneof(failing, group).map(fcmd.down), weight: 2 },
    { arbitrary: fc.oneof(failing, group).map(fcmd.up), weight: 1 },
    { arbitrary: group.map(fcmd.redrive), weight: 1 }
  )
})()

/**
 * A start for runs of {@link commandArbFailures}: plain and poison records on
 * both partitions, member `a` joined to every group and polled, and the
 * downstreams of `billing`, `audit` and `guarded` down (so breakers open).
 */
export const startFailures: ReadonlyArray<Command> = [
  cmd.send("p", "orders", "v0", "k3"),
  cmd.send("p", "orders", "poison-0", "k3"),
  cmd.send("p", "orders", "v1", "k0"),
  cmd.send("p", "orders", "poison-1"),
  ...configFailures.groups.flatMap((group) => [cmd.join(group.name, "a"), cmd.poll(group.name, "a", 4)]),
  fcmd.down("billing"),
  fcmd.down("audit"),
  fcmd.down("guarded")
]
