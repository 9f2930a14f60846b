import { describe, expect, it } from "vitest"
import { serviceOf, serviceWrite } from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"
import { serviceForgetsCommit } from "./serviceForgetsCommit.ts"

const scenario = [serviceWrite("cts", "e1"), serviceOf("cts"), serviceWrite("cts", "e1")]

describe("mutant:service-forgets-commit", () => {
  it("answers that the dual write committed, yet its business row is gone (and the event may be written again)", async () => {
    expect((await run(scenario, effectful)).slice(1)).toStrictEqual([
      { _tag: "ServiceListed", service: "cts", rows: [{ event: "e1", atMs: 0 }], outbox: [] },
      { _tag: "EventExists", service: "cts", event: "e1" }
    ])
    const broken = await run(scenario, effectful, serviceForgetsCommit)
    expect(broken[0]).toStrictEqual({ _tag: "ServiceWritten", service: "cts", event: "e1", sent: { topic: "s", partition: 0, offset: 0 } })
    expect(broken.slice(1)).toStrictEqual([
      { _tag: "ServiceListed", service: "cts", rows: [], outbox: [] },
      { _tag: "ServiceWritten", service: "cts", event: "e1", sent: { topic: "s", partition: 1, offset: 0 } }
    ])
  })

  it("leaves the outbox alone", async () => {
    const outbox = [serviceWrite("box", "e1"), serviceOf("box")]
    expect(await run(outbox, effectful, serviceForgetsCommit)).toStrictEqual(await run(outbox, effectful))
  })
})
