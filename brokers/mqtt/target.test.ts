/**
 * The MQTT target's translation, pinned on scripted scenarios against one
 * Mosquitto (the default setting), each beside what the built-in broker
 * answers to the same script: send, receive and acknowledge; a consumer
 * crash (MQTT's equivalent of a redelivery after the visibility timeout);
 * the QoS 0 queue; the commands MQTT cannot express; the configs it refuses;
 * a missing server.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { builtinTarget } from "../../impl/builtin.ts"
import { visibilityTimeoutRedelivers } from "../../properties/guarantees/visibilityTimeoutRedelivers.ts"
import { runCommands } from "../../properties/run.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import { ServerMissing, startServer } from "../server/managedServer.ts"
import { mqttEntry } from "./index.ts"
import { drainedHistoryOfCommands, historyOfCommands, processedIdsOf, receive, scenarioConfig, send } from "./internal/testRuns.ts"
import { mosquittoSpec } from "./server.ts"
import { persistenceAutosave } from "./settings.ts"
import { makeMqttTarget, type MqttTarget } from "./target.ts"

let target: MqttTarget
beforeAll(async () => {
  target = makeMqttTarget("persistence-autosave")
  await target.prepare()
})
afterAll(async () => {
  await target.close()
})

const ack = (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueAck", queue, consumer, receipt })
const processed = (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueProcess", queue, consumer, receipt })
const crash = (queue: string, consumer: string): Command => ({ _tag: "QueueCrash", queue, consumer })
const list = (queue: string): Command => ({ _tag: "ObserverQueue", queue })

/** The answers of `target` and of the built-in broker to the script, step by step. */
const answersOfBoth = async (commands: ReadonlyArray<Command>, config: Config = scenarioConfig) => {
  const mqtt = (await historyOfCommands(target, config, commands)).map((entry) => entry.response)
  const builtin = (await historyOfCommands(builtinTarget, config, commands)).map((entry) => entry.response)
  return { mqtt, builtin }
}

/** The message ids (and receive counts) a `Received` answer lists. */
const receivedOf = (response: Response) => (response._tag === "Received" ? response.messages.map((message) => [message.messageId, message.receiveCount]) : response._tag)

describe("an at-least-once queue (QoS 1, a pool of three persistent sessions)", () => {
  it("sends, receives and acknowledges: each message went to one session of the pool when it was published, so a receive gets what its session holds", async () => {
    const script = [
      send("jobs", "a"),
      send("jobs", "b"),
      send("jobs", "c"),
      receive("jobs", "c0", 3),
      processed("jobs", "c0", 0),
      ack("jobs", "c0", 0),
      receive("jobs", "c0", 3),
      receive("jobs", "c1", 3),
      ack("jobs", "c1", 2),
      ack("jobs", "c0", 1)
    ]
    const { mqtt, builtin } = await answersOfBoth(script)
    expect(mqtt.slice(0, 3)).toEqual(builtin.slice(0, 3))
    // Mosquitto round-robins the three messages over the three sessions; the built-in broker hands c0 all three.
    expect(receivedOf(mqtt[3])).toEqual([[0, 1]])
    expect(receivedOf(builtin[3])).toEqual([[0, 1], [1, 1], [2, 1]])
    expect(mqtt[4]).toEqual({ _tag: "QueueProcessed", queue: "jobs", consumer: "c0", receipt: 0, messageId: 0 })
    expect(mqtt[5]).toEqual({ _tag: "Acknowledged", queue: "jobs", consumer: "c0", receipt: 0, messageId: 0, deleted: true })
    // c0, holding nothing, leaves its session and finds message 1 in the next; c1 finds message 2 in the last.
    expect(receivedOf(mqtt[6])).toEqual([[1, 1]])
    expect(receivedOf(mqtt[7])).toEqual([[2, 1]])
    expect(mqtt.slice(8)).toEqual([
      { _tag: "Acknowledged", queue: "jobs", consumer: "c1", receipt: 2, messageId: 2, deleted: true },
      { _tag: "Acknowledged", queue: "jobs", consumer: "c0", receipt: 1, messageId: 1, deleted: true }
    ])
  })

  it("after a consumer crash, its session keeps the message and the next client to attach gets it at once (DUP), where the model waits for the visibility timeout", async () => {
    const script = [send("jobs", "a"), receive("jobs", "c0", 1), crash("jobs", "c0"), list("jobs"), receive("jobs", "c1", 1), ack("jobs", "c1", 1), list("jobs")]
    const { mqtt, builtin } = await answersOfBoth(script)
    expect(mqtt[2]).toEqual({ _tag: "QueueCrashed", queue: "jobs", consumer: "c0", receipts: [0] })
    expect(mqtt[2]).toEqual(builtin[2])
    // The listing shows what the crashed consumer's session holds (looked at without acknowledging), without a visibility end.
    expect(mqtt[3]).toEqual({ _tag: "QueueListed", queue: "jobs", messages: [{ messageId: 0, value: "a", receiveCount: 1, receipt: 0 }], remembered: [] })
    expect(receivedOf(mqtt[4])).toEqual([[0, 2]])
    expect(receivedOf(builtin[4])).toEqual([])
    expect(mqtt[5]).toEqual({ _tag: "Acknowledged", queue: "jobs", consumer: "c1", receipt: 1, messageId: 0, deleted: true })
    expect(mqtt[6]).toEqual({ _tag: "QueueListed", queue: "jobs", messages: [], remembered: [] })
    // So VisibilityTimeoutRedelivers, whose premise is a timeout, flags the MQTT history (the profile calls it not applicable) and not the model's.
    const history = script.map((command, i) => ({ command, response: mqtt[i] }))
    expect(visibilityTimeoutRedelivers.always(history, scenarioConfig)?.message).toContain("before the end of its previous receive's visibility")
    expect(visibilityTimeoutRedelivers.always(script.map((command, i) => ({ command, response: builtin[i] })), scenarioConfig)).toBeUndefined()
  })
})

describe("more consumers than the pool has sessions", () => {
  it("adds a session to the shared subscription for a consumer that finds every session held, and the drain still gets every message", async () => {
    const config: Config = { ...scenarioConfig, bounds: { ...scenarioConfig.bounds, membersPerGroupMax: 1 } }
    // A pool of two sessions; c2 (outside the consumers the generator names, c0 and c1) is a third.
    const script = [
      send("jobs", "a"),
      send("jobs", "b"),
      receive("jobs", "c0", 1),
      receive("jobs", "c1", 1),
      receive("jobs", "c2", 1),
      send("jobs", "c"),
      processed("jobs", "c1", 1),
      ack("jobs", "c1", 1)
    ]
    const history = await drainedHistoryOfCommands(target, config, script)
    expect(receivedOf(history[2].response)).toEqual([[0, 1]])
    expect(receivedOf(history[3].response)).toEqual([[1, 1]])
    expect(receivedOf(history[4].response)).toEqual([])
    expect(processedIdsOf(history)).toEqual([0, 1, 2])
    expect(history.at(-2)!.response).toEqual({ _tag: "QueueListed", queue: "jobs", messages: [], remembered: [] })
  })
})

describe("an at-most-once queue (QoS 0, a session per running consumer)", () => {
  it("loses what is sent while no consumer is connected, delivers what is sent while one is, and loses what a crashed client held", async () => {
    const script = [
      send("telemetry", "t0"),
      receive("telemetry", "c0", 3),
      send("telemetry", "t1"),
      send("telemetry", "t2"),
      receive("telemetry", "c0", 1),
      ack("telemetry", "c0", 0),
      list("telemetry"),
      crash("telemetry", "c0"),
      receive("telemetry", "c1", 3),
      list("telemetry")
    ]
    const { mqtt, builtin } = await answersOfBoth(script)
    expect(mqtt[0]).toEqual({ _tag: "Enqueued", queue: "telemetry", messageId: 0 })
    expect(receivedOf(mqtt[1])).toEqual([])
    expect(receivedOf(builtin[1])).toEqual([[0, 1]])
    expect(receivedOf(mqtt[4])).toEqual([[1, 1]])
    expect(mqtt[5]).toEqual({ _tag: "Acknowledged", queue: "telemetry", consumer: "c0", receipt: 0, messageId: 1, deleted: true })
    expect(mqtt[6]).toEqual({ _tag: "QueueListed", queue: "telemetry", messages: [{ messageId: 2, value: "t2", receiveCount: 0 }], remembered: [] })
    expect(mqtt[7]).toEqual({ _tag: "QueueCrashed", queue: "telemetry", consumer: "c0", receipts: [0] })
    expect(receivedOf(mqtt[8])).toEqual([])
    expect(receivedOf(builtin[8])).toEqual([[2, 1]])
    expect(mqtt[9]).toEqual({ _tag: "QueueListed", queue: "telemetry", messages: [], remembered: [] })
  })
})

describe("what MQTT cannot express", () => {
  it("answers Unsupported to a release and an extension, NotADeadLetterQueue to a redrive, and the model's typed errors to invalid commands", async () => {
    const script: ReadonlyArray<Command> = [
      send("jobs", "a"),
      receive("jobs", "c0", 1),
      { _tag: "QueueRelease", queue: "jobs", consumer: "c0", receipt: 0 },
      { _tag: "QueueExtend", queue: "jobs", consumer: "c0", receipt: 0, ms: 1000 },
      { _tag: "QueueRedrive", queue: "jobs" },
      { _tag: "QueueRelease", queue: "jobs", consumer: "c0", receipt: 7 },
      ack("jobs", "c0", 7),
      processed("jobs", "c1", 0),
      { _tag: "QueueSend", sender: "p0", queue: "jobs", value: "b", group: "g0" },
      send("nowhere", "b"),
      receive("nowhere", "c0", 1),
      processed("jobs", "c0", 0),
      ack("jobs", "c0", 0),
      ack("jobs", "c0", 0)
    ]
    const { mqtt, builtin } = await answersOfBoth(script)
    expect(mqtt[2]).toMatchObject({ _tag: "Unsupported", command: "QueueRelease" })
    expect(mqtt[3]).toMatchObject({ _tag: "Unsupported", command: "QueueExtend" })
    expect(builtin[2]._tag).toBe("Released")
    // Past those, the answers are the model's (the built-in broker's), but for the receipt the model released and MQTT could not.
    expect(mqtt.slice(4, 11)).toEqual(builtin.slice(4, 11))
    expect(mqtt.slice(4, 11).map((response) => response._tag)).toEqual(["NotADeadLetterQueue", "UnknownReceipt", "UnknownReceipt", "NotReceived", "FifoOnly", "UnknownQueue", "UnknownQueue"])
    expect(mqtt[11]).toEqual({ _tag: "QueueProcessed", queue: "jobs", consumer: "c0", receipt: 0, messageId: 0 })
    expect(builtin[11]._tag).toBe("NotReceived")
    expect(mqtt.slice(12)).toEqual(builtin.slice(12))
    expect(mqtt.slice(12).map((response) => response._tag === "Acknowledged" && response.deleted)).toEqual([true, false])
  })

  it("refuses at open a config with what MQTT lacks, in one line", async () => {
    const refused = async (config: Config) => {
      const run = await Effect.runPromise(runCommands(target, config, [send("jobs", "a")]))
      expect(run.targetFailed).toBe(true)
      return run.divergence?.message ?? ""
    }
    const queue = scenarioConfig.queues![0]
    expect(await refused({ ...scenarioConfig, queues: [{ ...queue, fifo: true }] })).toContain("MQTT has no message groups")
    expect(await refused({ ...scenarioConfig, queues: [{ ...queue, receiveCountMax: 3, deadLetterQueue: "jobs-dlq" }, { ...queue, name: "jobs-dlq" }] }))
      .toContain("no dead-letter queue")
    expect(await refused({ ...scenarioConfig, queues: [{ ...queue, messagesMax: 3, overflow: "reject" }] })).toContain("no bounded queue")
    expect(await refused({ ...scenarioConfig, brokerRestarts: false, topics: [{ name: "orders", partitions: 1 }] })).toContain("it runs queues only")
  })

  it("dies on a BrokerRestart when it was given the address of a server it did not start", async () => {
    const launch = target.server()!.launch
    const onAddress = makeMqttTarget("persistence-autosave", { address: { host: launch.host, port: launch.port } })
    const run = await Effect.runPromise(runCommands(onAddress, scenarioConfig, [send("jobs", "a"), { _tag: "BrokerRestart" }]))
    expect(run.actual[0]).toEqual({ _tag: "Enqueued", queue: "jobs", messageId: 0 })
    expect(run.targetFailed).toBe(true)
    expect(run.divergence?.message).toContain("BrokerRestart needs a server qsem started")
  })
})

describe("the entry and the server", () => {
  it("names its settings, the default first, and states its profile per setting", () => {
    expect(mqttEntry.name).toBe("mqtt")
    expect(mqttEntry.settings).toEqual(["persistence-autosave", "no-persistence", "autosave-on-every-change"])
    for (const setting of mqttEntry.settings) {
      const profile = mqttEntry.make(setting).profile
      expect(profile.conformance).toBe("guarantees-only")
      expect(profile.configFile).toBe("examples/configs/brokers/mqtt.json")
      expect(profile.notApplicable.VisibilityTimeoutRedelivers).toContain("no visibility timeout")
      expect(profile.notApplicable.QueueNoLossUnderAtLeastOnce).toBeUndefined()
      expect(profile.notApplicable.StaleReceiptsDoNotDelete).toBeUndefined()
    }
    expect(() => mqttEntry.make("fsync-always")).toThrow("mqtt has no setting \"fsync-always\"")
  })

  it("says in one line which Debian package installs a missing server", async () => {
    const missing = { ...mosquittoSpec(persistenceAutosave), program: "mosquitto-not-installed-here" }
    await expect(startServer(missing)).rejects.toBeInstanceOf(ServerMissing)
    await expect(startServer(missing)).rejects.toThrow("install the Debian package mosquitto (apt-get install mosquitto)")
  })
})
