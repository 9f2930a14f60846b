import { describe, expect, it } from "vitest"
import { relay, serviceOf, serviceWrite } from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"
import { outboxRowOutsideTransaction } from "./outboxRowOutsideTransaction.ts"

const scenario = [serviceWrite("box", "e1", undefined, true), serviceOf("box"), relay("box")]

describe("mutant:outbox-row-outside-transaction", () => {
  it("keeps the outbox row of a rolled-back write, and the relay publishes an event that never happened", async () => {
    expect(await run(scenario, effectful)).toStrictEqual([
      { _tag: "ServiceCrashed", service: "box", event: "e1", committed: false },
      { _tag: "ServiceListed", service: "box", rows: [], outbox: [] },
      { _tag: "OutboxEmpty", service: "box" }
    ])
    expect(await run(scenario, effectful, outboxRowOutsideTransaction)).toStrictEqual([
      { _tag: "ServiceCrashed", service: "box", event: "e1", committed: false },
      { _tag: "ServiceListed", service: "box", rows: [], outbox: [{ event: "e1", published: false }] },
      { _tag: "Relayed", service: "box", event: "e1", sent: { topic: "s", partition: 0, offset: 0 } }
    ])
  })
})
