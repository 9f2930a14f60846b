import * as Schema from "effect/Schema"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Command } from "../spec/command.ts"
import { Response } from "../spec/response.ts"
import { entriesOf, highWatermarkOf, init, lastStableOffsetOf, run, step } from "./index.ts"
import { assertStepIsPure } from "./internal/purity.ts"
import { cmd, configTransactional } from "./internal/testing.ts"

const decodeResponse = Schema.decodeUnknownSync(Response, { onExcessProperty: "error" })
const producers = ["plain", "idem", "tx", "tx2", "eos/a", "eos/b"]
const members = ["a", "b"]

/** Commands over the transactional test config, valid and invalid alike, producers and transactions included. */
const commandArb: fc.Arbitrary<Command> = (() => {
  const producer = fc.constantFrom(...producers)
  const group = fc.constantFrom("ru", "rc", "eos", "view")
  const member = fc.constantFrom(...members)
  const topic = fc.constantFrom("t", "in", "out")
  const offsets = fc.array(fc.record({ topic, partition: fc.nat(1), offset: fc.nat(4) }), { maxLength: 2 })
  const key = fc.option(fc.constantFrom("k0", "k3"), { nil: undefined })
  return fc.oneof(
    { arbitrary: fc.tuple(producer, topic, key, fc.boolean()).map(([p, t, k, lost]) => (lost ? cmd.sendLost(p, t, "v", k) : cmd.send(p, t, "v", k))), weight: 5 },
    { arbitrary: fc.tuple(producer, fc.boolean()).map(([p, lost]) => cmd.retry(p, lost ? true : undefined)), weight: 2 },
    { arbitrary: producer.map(cmd.init), weight: 2 },
    { arbitrary: producer.map(cmd.producerCrash), weight: 1 },
    { arbitrary: producer.map(cmd.begin), weight: 3 },
    { arbitrary: fc.tuple(producer, group, member, offsets).map(([p, g, m, o]) => cmd.sendOffsets(p, g, m, o)), weight: 2 },
    { arbitrary: producer.map(cmd.txnCommit), weight: 2 },
    { arbitrary: producer.map(cmd.txnAbort), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.join(g, m)), weight: 2 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.leave(g, m)), weight: 1 },
    { arbitrary: fc.tuple(group, member, fc.integer({ min: 1, max: 4 })).map(([g, m, n]) => cmd.poll(g, m, n)), weight: 4 },
    { arbitrary: fc.tuple(group, member, topic, fc.nat(1), fc.nat(4)).map(([g, m, t, p, o]) => cmd.process(g, m, t, p, o)), weight: 4 },
    { arbitrary: fc.tuple(group, member, offsets).map(([g, m, o]) => cmd.commit(g, m, o)), weight: 1 },
    { arbitrary: fc.tuple(group, member, topic, fc.nat(1), fc.nat(4)).map(([g, m, t, p, o]) => cmd.seek(g, m, t, p, o)), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.crash(g, m)), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 12_000 }).map(cmd.advance), weight: 2 },
    { arbitrary: fc.tuple(topic, fc.nat(2), fc.nat(6), fc.integer({ min: 1, max: 5 })).map(([t, p, o, n]) => cmd.dump(t, p, o, n)), weight: 1 },
    { arbitrary: group.map(cmd.offsets), weight: 1 }
  )
})()


describe("step with transactions", () => {
  it("is pure: never changes a state it was given, nor one it returned, even when old states are stepped again", () => {
    assertStepIsPure(configTransactional, commandArb, { producers, members }, 100)
  })

  it("answers every command with a response of the spec's shape, and keeps the last stable offset within the log", () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 80 }), (commands) => {
        const { state, responses } = run(init(configTransactional), commands)
        for (const response of responses) {
          expect(Object.keys(response)[0]).toBe("_tag")
          expect(decodeResponse(response)).toEqual(response)
        }
        for (const topic of configTransactional.topics) {
          for (let partition = 0; partition < topic.partitions; partition++) {
            const entries = entriesOf(state, topic.name, partition)
            expect(entries.map((entry) => entry.offset)).toEqual(entries.map((_, offset) => offset))
            expect(lastStableOffsetOf(state, topic.name, partition)!).toBeLessThanOrEqual(highWatermarkOf(state, topic.name, partition)!)
          }
        }
      }),
      { numRuns: 100 }
    )
  })
})
