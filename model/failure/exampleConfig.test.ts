import * as fs from "node:fs"
import * as path from "node:path"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { Config } from "../../spec/config.ts"
import { init, run } from "../index.ts"
import { cmd } from "../internal/testing.ts"
import { fcmd } from "./internal/testing.ts"

const shipped = Schema.decodeUnknownSync(Config)(
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../examples/configs/poison-and-retries.json"), "utf8"))
)

/** Each of `groups` has member `a` poll the poison record at orders/0@0 and the record behind it. */
const setup = (groups: ReadonlyArray<string>): ReadonlyArray<Command> => [
  cmd.send("p", "orders", "poison-7", "k3"),
  cmd.send("p", "orders", "v8", "k3"),
  ...groups.flatMap((group) => [cmd.join(group, "a"), cmd.poll(group, "a", 5)])
]

describe("the shipped poison-and-retries config", () => {
  it("billing dead-letters the poison record after 4 attempts (1 s, 2 s, then 4 s apart) and commits past it; naive retries it forever", () => {
    const tries = [fcmd.process("billing", "a", 0, 0), fcmd.process("naive", "a", 0, 0)]
    const { responses } = run(init(shipped), [
      ...setup(["billing", "naive"]),
      ...tries,
      cmd.advance(1000),
      ...tries,
      cmd.advance(2000),
      ...tries,
      cmd.advance(4000),
      ...tries,
      fcmd.process("billing", "a", 0, 1),
      cmd.commit("billing", "a", [{ topic: "orders", partition: 0, offset: 2 }])
    ])
    const tail = responses.slice(6).filter((response) => response._tag !== "ClockAdvanced")
    expect(tail.map((response) => [response._tag, "attempt" in response ? response.attempt : "attempts" in response ? response.attempts : undefined])).toEqual([
      ["ProcessFailed", 1],
      ["ProcessFailed", 1],
      ["ProcessFailed", 2],
      ["ProcessFailed", 2],
      ["ProcessFailed", 3],
      ["ProcessFailed", 3],
      ["ProcessDeadLettered", 4],
      ["ProcessFailed", 4],
      ["Processed", undefined],
      ["Committed", undefined]
    ])
    expect(tail[4]).toMatchObject({ retryAtMs: 7000 })
    expect(tail[6]).toMatchObject({ deadLetter: { topic: "billing-dlt", partition: 0, offset: 0 } })
  })

  it("audit's breaker opens at the first failed call and dead-letters while open; storm, without a breaker, keeps calling the downstream", () => {
    const { responses } = run(init(shipped), [
      cmd.send("p", "orders", "v0", "k3"),
      cmd.send("p", "orders", "v1", "k3"),
      cmd.send("p", "orders", "v2", "k3"),
      ...["audit", "storm"].flatMap((group) => [cmd.join(group, "a"), cmd.poll(group, "a", 5), fcmd.down(group)]),
      ...[0, 1, 2].flatMap((offset) => [fcmd.process("audit", "a", 0, offset), fcmd.process("storm", "a", 0, offset)])
    ])
    expect(responses.slice(9).map((response) => ("cause" in response ? `${response._tag}:${response.cause}` : response._tag))).toEqual([
      "ProcessFailed:downstream",
      "ProcessFailed:downstream",
      "ProcessDeadLettered:breaker-open",
      "ProcessFailed:downstream",
      "ProcessDeadLettered:breaker-open",
      "ProcessFailed:downstream"
    ])
  })
})
