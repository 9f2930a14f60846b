import { describe, expect, it } from "vitest"
import { entriesOf, init, recordsOf, run, serviceOf, step } from "../index.ts"
import { cmd, configEffects } from "../internal/testing.ts"

const s0 = init(configEffects)
// in `events` (2 partitions) key k0 lands on partition 1, k3 on 0
const at = (partition: number, offset: number) => ({ topic: "events", partition, offset })

describe("a service with a transactional outbox", () => {
  it("commits the business row and the outbox row together, sends nothing until the relay publishes the oldest row", () => {
    const { state, responses } = run(s0, [cmd.advance(7), cmd.write("ob", "e1", "k0"), cmd.write("ob", "e2"), cmd.service("ob")])
    expect(responses[1]).toEqual({ _tag: "ServiceWritten", service: "ob", event: "e1" })
    expect(responses[3]).toEqual({
      _tag: "ServiceListed",
      service: "ob",
      rows: [
        { event: "e1", key: "k0", atMs: 7 },
        { event: "e2", atMs: 7 }
      ],
      outbox: [
        { event: "e1", key: "k0", published: false },
        { event: "e2", published: false }
      ]
    })
    expect(recordsOf(state, "events", 0).length + recordsOf(state, "events", 1).length).toBe(0)
    const relayed = run(state, [cmd.relay("ob"), cmd.relay("ob"), cmd.relay("ob")])
    expect(relayed.responses).toEqual([
      { _tag: "Relayed", service: "ob", event: "e1", sent: at(1, 0) },
      { _tag: "Relayed", service: "ob", event: "e2", sent: at(0, 0) },
      { _tag: "OutboxEmpty", service: "ob" }
    ])
    expect(serviceOf(relayed.state, "ob")!.outbox.map((row) => row.published)).toEqual([true, true])
    // a plain send by service:ob: key = the event's key, value = the event id
    expect(recordsOf(relayed.state, "events", 1)).toEqual([{ topic: "events", partition: 1, offset: 0, producer: "service:ob", key: "k0", value: "e1", timestampMs: 7 }])
    expect(entriesOf(relayed.state, "events", 0)).toEqual([{ _tag: "Data", offset: 0, producer: "service:ob", value: "e2", timestampMs: 7 }])
  })

  it("crashMidway rolls the transaction back: nothing written, nothing sent, the event may be written again", () => {
    const { state, responses } = run(s0, [cmd.write("ob", "e1", "k0", true), cmd.relay("ob"), cmd.write("ob", "e1", "k0")])
    expect(responses).toEqual([
      { _tag: "ServiceCrashed", service: "ob", event: "e1", committed: false },
      { _tag: "OutboxEmpty", service: "ob" },
      { _tag: "ServiceWritten", service: "ob", event: "e1" }
    ])
    expect(serviceOf(state, "ob")!.rows.length).toBe(1)
  })

  it("a relay crash after its send leaves the row unpublished: the next relay sends it again (at least once)", () => {
    const { state, responses } = run(s0, [cmd.write("ob", "e1", "k0"), cmd.relay("ob", true), cmd.service("ob"), cmd.relay("ob"), cmd.relay("ob")])
    expect(responses[1]).toEqual({ _tag: "RelayCrashed", service: "ob", event: "e1", sent: at(1, 0) })
    expect(responses[2]).toMatchObject({ outbox: [{ event: "e1", key: "k0", published: false }] })
    expect(responses[3]).toEqual({ _tag: "Relayed", service: "ob", event: "e1", sent: at(1, 1) })
    expect(responses[4]).toEqual({ _tag: "OutboxEmpty", service: "ob" })
    expect(recordsOf(state, "events", 1).map((record) => record.value)).toEqual(["e1", "e1"])
  })
})

describe("dual writes", () => {
  it("commit-then-send commits, then sends; crashMidway commits and loses the event", () => {
    const ok = step(s0, cmd.write("cts", "e1", "k3"))
    expect(ok.response).toEqual({ _tag: "ServiceWritten", service: "cts", event: "e1", sent: at(0, 0) })
    expect(serviceOf(ok.state, "cts")).toEqual({ rows: [{ event: "e1", key: "k3", atMs: 0 }], outbox: [] })
    const lost = step(s0, cmd.write("cts", "e1", "k3", true))
    expect(lost.response).toEqual({ _tag: "ServiceCrashed", service: "cts", event: "e1", committed: true })
    expect(serviceOf(lost.state, "cts")!.rows).toEqual([{ event: "e1", key: "k3", atMs: 0 }])
    expect(recordsOf(lost.state, "events", 0)).toEqual([])
  })

  it("send-then-commit sends, then commits; crashMidway sends a phantom and commits nothing", () => {
    const ok = step(s0, cmd.write("stc", "e1"))
    expect(ok.response).toEqual({ _tag: "ServiceWritten", service: "stc", event: "e1", sent: at(0, 0) })
    expect(serviceOf(ok.state, "stc")!.rows).toEqual([{ event: "e1", atMs: 0 }])
    const phantom = step(s0, cmd.write("stc", "e1", undefined, true))
    expect(phantom.response).toEqual({ _tag: "ServiceCrashed", service: "stc", event: "e1", committed: false, sent: at(0, 0) })
    expect(serviceOf(phantom.state, "stc")!.rows).toEqual([])
    expect(recordsOf(phantom.state, "events", 0).map((record) => record.value)).toEqual(["e1"])
    // the phantom's event id is free: writing it again sends it a second time
    expect(step(phantom.state, cmd.write("stc", "e1")).response).toEqual({ _tag: "ServiceWritten", service: "stc", event: "e1", sent: at(1, 0) })
  })

  it("unkeyed sends of a service go round-robin with its own counter", () => {
    const { responses } = run(s0, [cmd.write("stc", "e1"), cmd.write("stc", "e2"), cmd.write("cts", "e3"), cmd.send("p", "events", "x")])
    expect(responses.map((response) => (response as { readonly sent?: unknown }).sent ?? response)).toEqual([
      at(0, 0),
      at(1, 0),
      at(0, 1),
      { _tag: "Sent", topic: "events", partition: 0, offset: 2 }
    ])
  })
})

describe("service errors", () => {
  it("EventExists when the business table holds the event (nothing written or sent), in every mode", () => {
    for (const service of ["ob", "cts", "stc"]) {
      const written = step(s0, cmd.write(service, "e1", "k0")).state
      for (const crash of [undefined, true] as const) {
        const again = step(written, cmd.write(service, "e1", "k3", crash))
        expect(again.response).toEqual({ _tag: "EventExists", service, event: "e1" })
        expect(again.state).toBe(written)
      }
    }
  })

  it("UnknownService, NotAnOutbox, OutboxEmpty", () => {
    expect(step(s0, cmd.write("nope", "e1")).response).toEqual({ _tag: "UnknownService", service: "nope" })
    expect(step(s0, cmd.relay("nope")).response).toEqual({ _tag: "UnknownService", service: "nope" })
    expect(step(s0, cmd.service("nope")).response).toEqual({ _tag: "UnknownService", service: "nope" })
    expect(step(s0, cmd.relay("cts")).response).toEqual({ _tag: "NotAnOutbox", service: "cts" })
    expect(step(s0, cmd.relay("stc", true)).response).toEqual({ _tag: "NotAnOutbox", service: "stc" })
    expect(step(s0, cmd.relay("ob", true)).response).toEqual({ _tag: "OutboxEmpty", service: "ob" })
    expect(step(s0, cmd.service("cts")).response).toEqual({ _tag: "ServiceListed", service: "cts", rows: [], outbox: [] })
  })
})
