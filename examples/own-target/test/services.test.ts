import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { builtinTarget, type Command, type Config, configDefault, type Target } from "qsem"
import { describe, expect, it } from "vitest"
import { target } from "../target.ts"

/** The default config with three services on `orders`, one per publish mode. */
const config: Config = {
  ...configDefault,
  services: [
    { name: "box", topic: configDefault.topics[0].name, publish: "outbox" },
    { name: "cts", topic: configDefault.topics[0].name, publish: "commit-then-send" },
    { name: "stc", topic: configDefault.topics[0].name, publish: "send-then-commit" }
  ]
}
const group = configDefault.groups[0].name
const topic = configDefault.topics[0].name

const commands: ReadonlyArray<Command> = [
  { _tag: "ServiceWrite", service: "box", event: "e1", key: "k" },
  { _tag: "ServiceWrite", service: "box", event: "e2", crashMidway: true },
  { _tag: "ServiceWrite", service: "box", event: "e1" },
  { _tag: "RelayPublish", service: "box", crashMidway: true },
  { _tag: "RelayPublish", service: "box" },
  { _tag: "RelayPublish", service: "box" },
  { _tag: "RelayPublish", service: "cts" },
  { _tag: "ServiceWrite", service: "cts", event: "e3", crashMidway: true },
  { _tag: "ServiceWrite", service: "cts", event: "e4" },
  { _tag: "ServiceWrite", service: "stc", event: "e5", crashMidway: true },
  { _tag: "ServiceWrite", service: "stc", event: "e6", key: "k" },
  { _tag: "ServiceWrite", service: "nope", event: "e7" },
  { _tag: "ObserverService", service: "box" },
  { _tag: "ObserverService", service: "cts" },
  { _tag: "ObserverService", service: "stc" },
  { _tag: "ObserverEffects", group },
  { _tag: "ObserverDump", topic, partition: 0, offset: 0, entriesMax: 1000 },
  { _tag: "ObserverDump", topic, partition: 1, offset: 0, entriesMax: 1000 },
  { _tag: "ProducerSend", producer: "p", topic, value: "v" },
  { _tag: "GroupJoin", group, member: "m" },
  { _tag: "ConsumerPoll", group, member: "m", recordsMax: 1000 },
  { _tag: "ConsumerProcess", group, member: "m", topic, partition: 2, offset: 0, crashMidway: true },
  { _tag: "ConsumerPoll", group, member: "m", recordsMax: 1000 }
]

/** The target's answers in one session, under a TestClock (time stands still: nothing advances it). */
const answers = (of: Target) =>
  Effect.runPromise(
    Effect.gen(function*() {
      const session = yield* of.open(config)
      return yield* Effect.forEach(commands, session.execute)
    }).pipe(Effect.scoped, Effect.provide(TestClock.layer()))
  )

describe("the in-memory queue's services and midway crashes", () => {
  it("answers as qsem's built-in broker does", async () => {
    const expected = await answers(builtinTarget)
    expect(expected.map((answer) => answer._tag)).toContain("RelayCrashed")
    expect(expected.at(-2)?._tag).toBe("ProcessCrashed")
    expect(await answers(target)).toStrictEqual(expected)
  })
})
