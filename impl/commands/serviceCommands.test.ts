import { describe, expect, it } from "vitest"
import { at, dump, relay, serviceOf, serviceWrite } from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"

/** The services' topic `s` as data entries `[partition, offset, value]` of `service:<name>`'s plain sends. */
const entries = async (commands: Parameters<typeof run>[0]) => {
  const responses = await run([...commands, dump("s", 0), dump("s", 1)], effectful)
  return responses.slice(-2).flatMap((response, partition) =>
    response._tag === "Dumped" ? response.entries.map((entry) => entry._tag === "Data" ? [partition, entry.offset, entry.producer, entry.value] : entry) : []
  )
}

describe("ServiceWrite", () => {
  it("1-2. UnknownService, then EventExists for an event the business table holds (nothing written or sent)", async () => {
    expect(await run([serviceWrite("nope", "e1"), serviceWrite("cts", "e1", "k"), serviceWrite("cts", "e1"), serviceOf("cts")], effectful))
      .toStrictEqual([
        { _tag: "UnknownService", service: "nope" },
        { _tag: "ServiceWritten", service: "cts", event: "e1", sent: at("s", 0, 0) },
        { _tag: "EventExists", service: "cts", event: "e1" },
        { _tag: "ServiceListed", service: "cts", rows: [{ event: "e1", key: "k", atMs: 0 }], outbox: [] }
      ])
  })

  it("outbox: one transaction writes the business row and an unpublished outbox row, and sends nothing", async () => {
    const responses = await run([serviceWrite("box", "e1", "k"), serviceWrite("box", "e2"), serviceOf("box"), dump("s", 0), dump("s", 1)], effectful)
    expect(responses.slice(0, 3)).toStrictEqual([
      { _tag: "ServiceWritten", service: "box", event: "e1" },
      { _tag: "ServiceWritten", service: "box", event: "e2" },
      {
        _tag: "ServiceListed",
        service: "box",
        rows: [{ event: "e1", key: "k", atMs: 0 }, { event: "e2", atMs: 0 }],
        outbox: [{ event: "e1", key: "k", published: false }, { event: "e2", published: false }]
      }
    ])
    expect(responses.slice(3).map((response) => response._tag === "Dumped" && response.highWatermark)).toStrictEqual([0, 0])
  })

  it("outbox, crashing inside the transaction: it rolls back, nothing is written, the event may be written again", async () => {
    expect(await run([serviceWrite("box", "e1", undefined, true), serviceOf("box"), serviceWrite("box", "e1")], effectful)).toStrictEqual([
      { _tag: "ServiceCrashed", service: "box", event: "e1", committed: false },
      { _tag: "ServiceListed", service: "box", rows: [], outbox: [] },
      { _tag: "ServiceWritten", service: "box", event: "e1" }
    ])
  })

  it("commit-then-send, crashing between: the row is committed and the event never sent (lost)", async () => {
    expect(await run([serviceWrite("cts", "e1", "k", true), serviceOf("cts")], effectful)).toStrictEqual([
      { _tag: "ServiceCrashed", service: "cts", event: "e1", committed: true },
      { _tag: "ServiceListed", service: "cts", rows: [{ event: "e1", key: "k", atMs: 0 }], outbox: [] }
    ])
    expect(await entries([serviceWrite("cts", "e1", "k", true)])).toStrictEqual([])
  })

  it("send-then-commit, crashing between: the event is sent as service:<name>'s plain send, the row never committed (a phantom)", async () => {
    expect(await run([serviceWrite("stc", "e1", undefined, true), serviceOf("stc"), serviceWrite("stc", "e2")], effectful)).toStrictEqual([
      { _tag: "ServiceCrashed", service: "stc", event: "e1", committed: false, sent: at("s", 0, 0) },
      { _tag: "ServiceListed", service: "stc", rows: [], outbox: [] },
      { _tag: "ServiceWritten", service: "stc", event: "e2", sent: at("s", 1, 0) }
    ])
    expect(await entries([serviceWrite("stc", "e1", undefined, true), serviceWrite("stc", "e2")])).toStrictEqual([
      [0, 0, "service:stc", "e1"],
      [1, 0, "service:stc", "e2"]
    ])
  })
})

describe("RelayPublish", () => {
  it("1-3. UnknownService, NotAnOutbox for a dual write, OutboxEmpty when every row is published", async () => {
    expect(await run([relay("nope"), relay("cts"), relay("stc", true), relay("box")], effectful)).toStrictEqual([
      { _tag: "UnknownService", service: "nope" },
      { _tag: "NotAnOutbox", service: "cts" },
      { _tag: "NotAnOutbox", service: "stc" },
      { _tag: "OutboxEmpty", service: "box" }
    ])
  })

  it("4-5. sends the oldest unpublished row's event (its key, value the event id), then marks it published", async () => {
    const commands = [serviceWrite("box", "e1", "k"), serviceWrite("box", "e2"), relay("box"), relay("box"), relay("box"), serviceOf("box")]
    const responses = await run(commands, effectful)
    expect(responses.slice(2)).toStrictEqual([
      { _tag: "Relayed", service: "box", event: "e1", sent: at("s", 0, 0) },
      { _tag: "Relayed", service: "box", event: "e2", sent: at("s", 0, 1) },
      { _tag: "OutboxEmpty", service: "box" },
      {
        _tag: "ServiceListed",
        service: "box",
        rows: [{ event: "e1", key: "k", atMs: 0 }, { event: "e2", atMs: 0 }],
        outbox: [{ event: "e1", key: "k", published: true }, { event: "e2", published: true }]
      }
    ])
    expect(await entries(commands)).toStrictEqual([[0, 0, "service:box", "e1"], [0, 1, "service:box", "e2"]])
  })

  it("crashing between the send and the mark: the row stays unpublished and the next relay sends its event again", async () => {
    const commands = [serviceWrite("box", "e1"), relay("box", true), relay("box"), relay("box")]
    expect(await run(commands, effectful)).toStrictEqual([
      { _tag: "ServiceWritten", service: "box", event: "e1" },
      { _tag: "RelayCrashed", service: "box", event: "e1", sent: at("s", 0, 0) },
      { _tag: "Relayed", service: "box", event: "e1", sent: at("s", 1, 0) },
      { _tag: "OutboxEmpty", service: "box" }
    ])
    expect(await entries(commands)).toStrictEqual([[0, 0, "service:box", "e1"], [1, 0, "service:box", "e1"]])
  })
})

describe("ObserverService", () => {
  it("UnknownService; a service that wrote nothing lists two empty tables", async () => {
    expect(await run([serviceOf("nope"), serviceOf("box")], effectful)).toStrictEqual([
      { _tag: "UnknownService", service: "nope" },
      { _tag: "ServiceListed", service: "box", rows: [], outbox: [] }
    ])
  })
})
