/**
 * The translation pinned on scripted scenarios, against a Redis server
 * started here (aof-always) and reached by address, as a user's own server
 * would be: each scenario runs in lockstep with the model, and the answers
 * that matter are asserted one by one.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { historyOf, runCommands, type Run } from "../../properties/run.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { freePort } from "../server/freePort.ts"
import { type ManagedServer, startServer } from "../server/managedServer.ts"
import { redisServerSpec } from "./server.ts"
import { makeRedisStreamsTarget, type RedisStreamsTarget } from "./target.ts"

const config = exampleConfig("brokers/redis-streams")
let server: ManagedServer
let target: RedisStreamsTarget

beforeAll(async () => {
  server = await startServer(redisServerSpec("aof-always"))
  target = makeRedisStreamsTarget("aof-always", { address: { host: server.launch.host, port: server.launch.port } })
  await target.prepare()
})

afterAll(async () => {
  await target?.close()
  await server?.stop()
})

const run = (commands: ReadonlyArray<Command>, on: Config = config): Promise<Run> => Effect.runPromise(runCommands(target, on, commands))

const send = (queue: string, value: string): Command => ({ _tag: "QueueSend", sender: "p0", queue, value })
const receive = (consumer: string, messagesMax: number, queue = "jobs"): Command => ({ _tag: "QueueReceive", queue, consumer, messagesMax })
const advance = (ms: number): Command => ({ _tag: "ClockAdvance", ms })
const list = (queue = "jobs"): Command => ({ _tag: "ObserverQueue", queue })
const receiptCommand = (tag: "QueueProcess" | "QueueAck" | "QueueRelease", consumer: string, receipt: number, queue = "jobs"): Command => ({ _tag: tag, queue, consumer, receipt })

describe("redis-streams translation (aof-always, by address)", () => {
  it("send, receive, process, ack and list answer as the model does; unknown names get the typed errors", async () => {
    const result = await run([
      send("jobs", "a"),
      send("jobs", "b"),
      receive("c0", 3),
      receiptCommand("QueueProcess", "c0", 0),
      receiptCommand("QueueAck", "c0", 0),
      list(),
      receiptCommand("QueueAck", "c0", 9),
      receive("c0", 1, "nope"),
      { _tag: "QueueRedrive", queue: "jobs" },
      receiptCommand("QueueProcess", "c1", 1)
    ])
    expect(result.divergence).toBeUndefined()
    expect(result.actual[2]).toEqual({
      _tag: "Received",
      queue: "jobs",
      consumer: "c0",
      messages: [{ messageId: 0, value: "a", receipt: 0, receiveCount: 1 }, { messageId: 1, value: "b", receipt: 1, receiveCount: 1 }]
    })
    expect(result.actual[4]).toEqual({ _tag: "Acknowledged", queue: "jobs", consumer: "c0", receipt: 0, messageId: 0, deleted: true })
    expect(result.actual[5]).toEqual({
      _tag: "QueueListed",
      queue: "jobs",
      messages: [{ messageId: 1, value: "b", receiveCount: 1, receipt: 1, inFlightUntilMs: 2000 }],
      remembered: []
    })
    expect(result.actual.slice(6).map((answer) => answer._tag)).toEqual(["UnknownReceipt", "UnknownQueue", "NotADeadLetterQueue", "NotReceived"])
  })

  it("a message comes back only once its visibility timeout ran out, and XAUTOCLAIM counts the delivery", async () => {
    const result = await run([send("jobs", "a"), receive("c0", 1), advance(1000), receive("c1", 3), advance(1000), receive("c1", 3), list()])
    expect(result.divergence).toBeUndefined()
    expect(result.actual[3]).toEqual({ _tag: "Received", queue: "jobs", consumer: "c1", messages: [] })
    expect(result.actual[5]).toEqual({ _tag: "Received", queue: "jobs", consumer: "c1", messages: [{ messageId: 0, value: "a", receipt: 1, receiveCount: 2 }] })
    expect(result.actual[6]).toMatchObject({ messages: [{ messageId: 0, receiveCount: 2, receipt: 1, inFlightUntilMs: 4000 }] })
  })

  it("release makes a message visible at once, extend keeps it in flight, and a stale receipt is NotInFlight", async () => {
    const result = await run([
      send("jobs", "a"),
      send("jobs", "b"),
      receive("c0", 2),
      receiptCommand("QueueRelease", "c0", 0),
      receive("c1", 1),
      receiptCommand("QueueRelease", "c0", 0),
      advance(1000),
      { _tag: "QueueExtend", queue: "jobs", consumer: "c0", receipt: 1, ms: 2000 },
      advance(1000),
      receive("c1", 2),
      advance(1000),
      receive("c0", 2)
    ])
    expect(result.divergence).toBeUndefined()
    expect(result.actual[3]).toEqual({ _tag: "Released", queue: "jobs", consumer: "c0", receipt: 0, messageId: 0, deadLettered: false })
    expect(result.actual[4]).toMatchObject({ messages: [{ messageId: 0, receipt: 2, receiveCount: 2 }] })
    expect(result.actual[5]).toEqual({ _tag: "NotInFlight", queue: "jobs", receipt: 0 })
    expect(result.actual[7]).toMatchObject({ _tag: "Extended", receipt: 1, inFlightUntilMs: 3000 })
    // At 2000 ms message 0's visibility (from 0 ms) is over, message 1's extension (to 3000 ms) is not.
    expect(result.actual[9]).toMatchObject({ messages: [{ messageId: 0, receipt: 3, receiveCount: 3 }] })
    expect(result.actual[11]).toMatchObject({ messages: [{ messageId: 1, receipt: 4, receiveCount: 2 }] })
  })

  it("a consumer crash drops its buffer; the pending entries list keeps its messages in flight until the timeout", async () => {
    const result = await run([send("jobs", "a"), receive("c0", 1), { _tag: "QueueCrash", queue: "jobs", consumer: "c0" }, receiptCommand("QueueProcess", "c0", 0), receive("c1", 1), advance(2000), receive("c1", 1)])
    expect(result.divergence).toBeUndefined()
    expect(result.actual[2]).toEqual({ _tag: "QueueCrashed", queue: "jobs", consumer: "c0", receipts: [0] })
    expect(result.actual[3]._tag).toBe("NotReceived")
    expect(result.actual[4]).toMatchObject({ messages: [] })
    expect(result.actual[6]).toMatchObject({ messages: [{ messageId: 0, receipt: 1, receiveCount: 2 }] })
  })

  it("XACK of a stale receipt deletes the message another consumer now holds: StaleReceiptsDoNotDelete fails by Redis's own doing", async () => {
    const commands = [send("jobs", "a"), receive("c0", 1), advance(2000), receive("c1", 1), receiptCommand("QueueAck", "c0", 0), list(), receiptCommand("QueueAck", "c1", 1)]
    const result = await run(commands)
    expect(result.expected[4]).toMatchObject({ _tag: "Acknowledged", receipt: 0, deleted: false })
    expect(result.actual[4]).toMatchObject({ _tag: "Acknowledged", receipt: 0, deleted: true })
    expect(result.divergence).toEqual({ step: 4, message: "Acknowledged: deleted expected false, got true" })
    expect(result.actual[5]).toMatchObject({ messages: [] })
    // The holder's own (current) receipt then finds nothing to acknowledge.
    expect(result.actual[6]).toMatchObject({ _tag: "Acknowledged", receipt: 1, deleted: false })
    const violation = guaranteeCheckById("StaleReceiptsDoNotDelete").always(historyOf(result), config)
    expect(violation?.step).toBe(4)
    expect(violation?.message).toMatch(/with deleted: true, but the receipt was stale: receipt 1 \(consumer c1/)
  })

  it("an extension past one visibility timeout is Unsupported (an idle time is never below 0), and nothing happened", async () => {
    const result = await run([send("jobs", "a"), receive("c0", 1), { _tag: "QueueExtend", queue: "jobs", consumer: "c0", receipt: 0, ms: 5000 }, list()])
    expect(result.actual[2]).toMatchObject({ _tag: "Unsupported", command: "QueueExtend" })
    expect(result.actual[3]).toMatchObject({ messages: [{ messageId: 0, inFlightUntilMs: 2000 }] })
  })

  it("refuses at open, in one line, a config it cannot run, and a BrokerRestart of a server it did not start", async () => {
    const fifo: Config = { ...config, queues: [{ name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 2000, fifo: true }] }
    const refused = await run([send("jobs", "a")], fifo)
    expect(refused.targetFailed).toBe(true)
    expect(refused.divergence?.message).toMatch(/redis-streams:aof-always cannot run this config: queue "jobs" is FIFO/)
    const restart = await run([send("jobs", "a"), { _tag: "BrokerRestart" }])
    expect(restart.targetFailed).toBe(true)
    expect(restart.divergence?.message).toMatch(/BrokerRestart needs a server qsem started/)
  })

  it("a server that is not there fails the open in one line", async () => {
    const nowhere = makeRedisStreamsTarget("aof-always", { address: { host: "127.0.0.1", port: await freePort() } })
    const result = await Effect.runPromise(runCommands(nowhere, config, [send("jobs", "a")]))
    expect(result.targetFailed).toBe(true)
    expect(result.divergence?.message).toMatch(/failed to open: .*cannot connect to Redis at 127\.0\.0\.1:\d+/)
  })
})
