import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { builtinTarget } from "../../impl/index.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import type { Command } from "../../spec/command.ts"
import type { BrokerTarget } from "../brokerTarget.ts"
import { type ManagedServer, startServer } from "../server/managedServer.ts"
import { advance, historyOf, idsOf, jobs, ordersFifo, receive, script, scriptConfig, send, testTimeScale } from "./internal/testScripts.ts"
import { refusalOf } from "./refusal.ts"
import { natsJetStreamEntry } from "./index.ts"
import { natsServerSpec } from "./server.ts"

// One nats-server for the file, reached as a user's server is (by address): these scripts never restart it.
let server: ManagedServer
let target: BrokerTarget

beforeAll(async () => {
  server = await startServer(natsServerSpec)
  target = natsJetStreamEntry.make("file", { address: { host: server.launch.host, port: server.launch.port }, timeScale: testTimeScale })
  await target.prepare()
})

afterAll(async () => {
  await target?.close()
  await server?.stop()
})

const config = scriptConfig([jobs])
const ack = (consumer: string, receipt: number): Command => ({ _tag: "QueueAck", queue: "jobs", consumer, receipt })
const process = (consumer: string, receipt: number): Command => ({ _tag: "QueueProcess", queue: "jobs", consumer, receipt })

describe("nats-jetstream: the translation, scripted", () => {
  it("send, receive, process and acknowledge answer as the model does", async () => {
    const run = await script(target, config, [
      send("jobs", "v0"),
      send("jobs", "v1"),
      receive("jobs", "c0"),
      process("c0", 0),
      ack("c0", 0),
      ack("c0", 0),
      process("c0", 1),
      ack("c0", 1),
      { _tag: "ObserverQueue", queue: "jobs" },
      receive("jobs", "c0")
    ])
    expect(run.targetFailed).toBe(false)
    expect(run.actual).toEqual(run.expected)
    expect(run.actual[2]).toEqual({
      _tag: "Received",
      queue: "jobs",
      consumer: "c0",
      messages: [{ messageId: 0, value: "v0", receipt: 0, receiveCount: 1 }, { messageId: 1, value: "v1", receipt: 1, receiveCount: 1 }]
    })
    expect(run.actual[4]).toMatchObject({ _tag: "Acknowledged", deleted: true })
    expect(run.actual[5]).toMatchObject({ _tag: "Acknowledged", deleted: false })
  })

  it("bodies, groups and dedup ids travel unchanged, awkward strings included", async () => {
    const awkward = ["", "é\u{1F600}", "\ud800", "line\nbreak \"quoted\""]
    const fifo = scriptConfig([ordersFifo])
    const run = await script(target, fifo, [
      ...awkward.map((value, i) => send("orders.fifo", value, { group: awkward[(i + 1) % awkward.length] || "g", dedupId: `${value}#${i}` })),
      receive("orders.fifo", "c0")
    ])
    expect(run.targetFailed).toBe(false)
    const received = run.actual[awkward.length]
    expect(received._tag).toBe("Received")
    if (received._tag !== "Received") return
    expect(received.messages.map((message) => message.value)).toEqual(awkward)
    expect(received.messages.map((message) => message.dedupId)).toEqual(awkward.map((value, i) => `${value}#${i}`))
  })

  it("a visibility timeout (ack_wait) and a consumer crash redeliver, with JetStream's delivery count as the receive count", async () => {
    const run = await script(target, config, [
      send("jobs", "v0"),
      receive("jobs", "c0"),
      { _tag: "QueueCrash", queue: "jobs", consumer: "c0" },
      advance(1_000),
      receive("jobs", "c1"),
      advance(1_000),
      receive("jobs", "c1"),
      process("c1", 1),
      ack("c1", 1)
    ])
    expect(run.targetFailed).toBe(false)
    expect(run.actual).toEqual(run.expected)
    expect(run.actual[2]).toEqual({ _tag: "QueueCrashed", queue: "jobs", consumer: "c0", receipts: [0] })
    expect(idsOf(run.actual[4])).toEqual([])
    expect(run.actual[6]).toMatchObject({ messages: [{ messageId: 0, receipt: 1, receiveCount: 2 }] })
    expect(run.actual[8]).toMatchObject({ _tag: "Acknowledged", deleted: true })
  })

  it("an acknowledgement with a stale receipt deletes the message: JetStream acks a stream sequence, not a delivery", async () => {
    const commands: Array<Command> = [
      send("jobs", "v0"),
      receive("jobs", "c0"),
      advance(2_000),
      receive("jobs", "c1"),
      ack("c0", 0),
      { _tag: "ObserverQueue", queue: "jobs" },
      ack("c1", 1)
    ]
    const run = await script(target, config, commands)
    expect(run.targetFailed).toBe(false)
    expect(run.actual[3]).toMatchObject({ messages: [{ messageId: 0, receipt: 1, receiveCount: 2 }] })
    // The model (and SQS) keep the message for its latest receipt; JetStream deleted it.
    expect(run.expected[4]).toMatchObject({ _tag: "Acknowledged", receipt: 0, deleted: false })
    expect(run.actual[4]).toMatchObject({ _tag: "Acknowledged", receipt: 0, deleted: true })
    expect(run.actual[5]).toMatchObject({ _tag: "QueueListed", messages: [] })
    expect(run.actual[6]).toMatchObject({ _tag: "Acknowledged", receipt: 1, deleted: false })
    const check = guaranteeCheckById("StaleReceiptsDoNotDelete")
    expect(check.always(historyOf(run), config)?.message).toMatch(/acknowledged receipt 0 of message 0 .* with deleted: true, but the receipt was stale/)
    // The built-in broker keeps it, as the model does.
    const builtin = await script(builtinTarget, config, commands)
    expect(builtin.actual).toEqual(builtin.expected)
    expect(check.always(historyOf(builtin), config)).toBeUndefined()
  })

  it("a release with a stale receipt releases the message's current delivery", async () => {
    const run = await script(target, config, [
      send("jobs", "v0"),
      receive("jobs", "c0"),
      advance(2_000),
      receive("jobs", "c1"),
      { _tag: "QueueRelease", queue: "jobs", consumer: "c0", receipt: 0 },
      receive("jobs", "c2")
    ])
    expect(run.targetFailed).toBe(false)
    expect(run.expected[4]).toEqual({ _tag: "NotInFlight", queue: "jobs", receipt: 0 })
    expect(run.actual[4]).toMatchObject({ _tag: "Released", receipt: 0, deadLettered: false })
    // Receipt 1's visibility runs to 4,000 ms, but the -NAK of receipt 0's ack subject made the message deliverable at once.
    expect(idsOf(run.expected[5])).toEqual([])
    expect(run.actual[5]).toMatchObject({ messages: [{ messageId: 0, receipt: 2, receiveCount: 3 }] })
    expect(guaranteeCheckById("VisibilityTimeoutRedelivers").always(historyOf(run), config)?.message).toMatch(
      /gave message 0 \(receipt 2, consumer c2\) at 2000 ms, before the end of its previous receive's visibility/
    )
  })

  it("an extension (working()) restarts the whole ack wait, whatever ms it asks for", async () => {
    const run = await script(target, config, [
      send("jobs", "v0"),
      receive("jobs", "c0"),
      advance(1_000),
      { _tag: "QueueExtend", queue: "jobs", consumer: "c0", receipt: 0, ms: 3_000 },
      advance(2_000),
      receive("jobs", "c1")
    ])
    expect(run.targetFailed).toBe(false)
    expect(run.expected[3]).toMatchObject({ _tag: "Extended", inFlightUntilMs: 4_000 })
    expect(run.actual[3]).toMatchObject({ _tag: "Extended", inFlightUntilMs: 3_000 })
    expect(idsOf(run.expected[5])).toEqual([])
    expect(run.actual[5]).toMatchObject({ messages: [{ messageId: 0, receiveCount: 2 }] })
    expect(guaranteeCheckById("VisibilityTimeoutRedelivers").always(historyOf(run), config)).toBeUndefined()
  })

  it("a release or an extension after the ack wait ran out is NotInFlight, and a released message comes back at once", async () => {
    const run = await script(target, config, [
      send("jobs", "v0"),
      receive("jobs", "c0"),
      advance(2_000),
      { _tag: "QueueExtend", queue: "jobs", consumer: "c0", receipt: 0, ms: 1_000 },
      receive("jobs", "c1"),
      { _tag: "QueueRelease", queue: "jobs", consumer: "c1", receipt: 1 },
      receive("jobs", "c0"),
      { _tag: "QueueRelease", queue: "jobs", consumer: "c0", receipt: 7 }
    ])
    expect(run.targetFailed).toBe(false)
    expect(run.actual).toEqual(run.expected)
    expect(run.actual[3]).toEqual({ _tag: "NotInFlight", queue: "jobs", receipt: 0 })
    expect(run.actual[6]).toMatchObject({ messages: [{ messageId: 0, receipt: 2, receiveCount: 3 }] })
    expect(run.actual[7]).toEqual({ _tag: "UnknownReceipt", queue: "jobs", receipt: 7 })
  })

  it("a FIFO queue deduplicates by Nats-Msg-Id within the window, but hands out a group's message while another of the group is in flight", async () => {
    const fifo = scriptConfig([ordersFifo])
    const run = await script(target, fifo, [
      send("orders.fifo", "v0", { group: "g0", dedupId: "d0" }),
      send("orders.fifo", "v1", { group: "g0", dedupId: "d0" }),
      send("orders.fifo", "v2", { group: "g0" }),
      { _tag: "ObserverQueue", queue: "orders.fifo" },
      receive("orders.fifo", "c0", 1),
      receive("orders.fifo", "c1"),
      advance(2_000),
      send("orders.fifo", "v3", { group: "g1", dedupId: "d0" }),
      send("orders.fifo", "v4", { group: "g1" }),
      { _tag: "QueueSend", sender: "p", queue: "orders.fifo", value: "v5" },
      { _tag: "QueueSend", sender: "p", queue: "jobs", value: "v6" }
    ])
    expect(run.targetFailed).toBe(false)
    expect(run.actual.slice(0, 5)).toEqual(run.expected.slice(0, 5))
    expect(run.actual[1]).toEqual({ _tag: "Enqueued", queue: "orders.fifo", messageId: 0, deduplicated: true })
    expect(run.actual[3]).toMatchObject({ remembered: [{ dedupId: "d0", messageId: 0, atMs: 0 }] })
    // The model blocks g0 while message 0 is in flight; JetStream has no groups.
    expect(idsOf(run.actual[4])).toEqual([0])
    expect(idsOf(run.expected[5])).toEqual([])
    expect(idsOf(run.actual[5])).toEqual([1])
    expect(guaranteeCheckById("FifoGroupOrderPreserved").always(historyOf(run), fifo)?.message).toMatch(/but message 0 of its group is in flight/)
    // The window (2,000 ms, a broker timer half a quantum early) is over: d0 is enqueued again.
    expect(run.actual[7]).toEqual({ _tag: "Enqueued", queue: "orders.fifo", messageId: 2 })
    expect(run.actual.slice(8)).toEqual(run.expected.slice(8))
    expect(run.actual[9]).toEqual({ _tag: "MessageGroupMissing", queue: "orders.fifo" })
    expect(run.actual[10]).toEqual({ _tag: "UnknownQueue", queue: "jobs" })
    expect(guaranteeCheckById("DeduplicationWindowSuppresses").always(historyOf(run), fifo)).toBeUndefined()
  })

  it("refuses configs it cannot run, in one line, and a restart of a server it did not start", async () => {
    const refused = async (queues: Parameters<typeof scriptConfig>[0], commands: ReadonlyArray<Command> = []) => {
      const run = await script(target, scriptConfig(queues), commands)
      expect(run.targetFailed).toBe(true)
      return run.divergence?.message ?? ""
    }
    expect(await refused([{ ...jobs, receiveCountMax: 3, deadLetterQueue: "dlq" }, { name: "dlq", mode: "at-least-once", visibilityTimeoutMs: 2_000 }])).toMatch(
      /failed to open: .*nats-jetstream cannot run this config: queue "jobs" has a redrive policy, but JetStream has no dead-letter queue/
    )
    expect(await refused([{ ...jobs, messagesMax: 2, overflow: "reject" }])).toMatch(/queue "jobs" is bounded/)
    expect(refusalOf(scriptConfig([{ ...ordersFifo, dedupWindowMs: 1_000 }]), 0.1)).toMatch(
      /queue "orders.fifo"'s dedupWindowMs 1000 is a 50 ms broker timer at time scale 0.1, under JetStream's least duplicate_window of 100 ms/
    )
    expect(refusalOf(scriptConfig([{ ...ordersFifo, dedupWindowMs: 1_000 }]), 0.2)).toBeUndefined()
    const { clockQuantumMs: _quantum, ...withoutQuantum } = scriptConfig([jobs])
    expect(refusalOf(withoutQuantum, 0.1)).toMatch(/needs a clockQuantumMs/)
    expect(await refused([jobs], [{ _tag: "BrokerRestart" }])).toMatch(/BrokerRestart needs a server qsem started/)
  })
})
