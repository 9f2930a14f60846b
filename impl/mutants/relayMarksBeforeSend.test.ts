import { describe, expect, it } from "vitest"
import type { Response } from "../../spec/response.ts"
import { dump, relay, serviceOf, serviceWrite } from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"
import { relayMarksBeforeSend } from "./relayMarksBeforeSend.ts"

const scenario = [serviceWrite("box", "e1"), relay("box", true), relay("box"), serviceOf("box"), dump("s", 0), dump("s", 1)]
/** The values of the data records in the services' topic. */
const events = (responses: ReadonlyArray<Response>) =>
  responses.flatMap((response) =>
    response._tag === "Dumped" ? response.entries.flatMap((entry) => (entry._tag === "Data" ? [entry.value] : [])) : []
  )

describe("mutant:relay-marks-before-send", () => {
  it("loses a committed event when the relay dies between its claim and its send", async () => {
    const correct = await run(scenario, effectful)
    expect(correct[2]).toMatchObject({ _tag: "Relayed", event: "e1" })
    expect(events(correct)).toStrictEqual(["e1", "e1"])
    const broken = await run(scenario, effectful, relayMarksBeforeSend)
    expect(broken.slice(2, 4)).toStrictEqual([
      { _tag: "OutboxEmpty", service: "box" },
      { _tag: "ServiceListed", service: "box", rows: [{ event: "e1", atMs: 0 }], outbox: [{ event: "e1", published: true }] }
    ])
    expect(events(broken)).toStrictEqual([])
  })

  it("relays like the correct relay when nothing crashes", async () => {
    const quiet = [serviceWrite("box", "e1", "k"), serviceWrite("box", "e2"), relay("box"), relay("box"), relay("box"), dump("s", 0), dump("s", 1)]
    expect(await run(quiet, effectful, relayMarksBeforeSend)).toStrictEqual(await run(quiet, effectful))
  })
})
