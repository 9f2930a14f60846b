import { describe, expect, it } from "vitest"
import type { Config, History, HistoryEntry } from "../../../spec/index.ts"
import { validateConfig } from "../../../spec/index.ts"
import { guaranteeChecks } from "../index.ts"
import { configTxn } from "./configTxn.ts"
import { dataEntry, HistoryBuilder, markerEntry } from "./historyBuilder.ts"
import { queueTestConfig } from "./queueTestConfig.ts"

const all = ["orders/0", "orders/1"]
const queueIds = new Set([
  "QueueNoLossUnderAtLeastOnce",
  "VisibilityTimeoutRedelivers",
  "PoisonMessagesEndInTheDeadLetterQueue",
  "FifoGroupOrderPreserved",
  "DeduplicationWindowSuppresses",
  "RedriveReturnsDeadLetters",
  "StaleReceiptsDoNotDelete",
  "OverflowIsKnownToTheProducer",
  "DropOverflowLosesSilently"
])
const streamChecks = guaranteeChecks.filter((check) => !queueIds.has(check.id))
const queueChecks = guaranteeChecks.filter((check) => queueIds.has(check.id))

/** A stream run that loses nothing: a crash drops a record that the drainer processes. */
const streamWitnessed = new HistoryBuilder()
  .send("orders/0@0")
  .send("orders/0@1")
  .join("billing", "a", 1, all)
  .poll("billing", "a", ["orders/0@0", "orders/0@1"])
  .process("billing", "a", "orders/0@0")
  .crash("billing", "a")
  .advance(1000, 1000, [{ group: "billing", member: "a" }], [{ group: "billing", generation: 2 }])
  .join("billing", "drainer", 3, all)
  .poll("billing", "drainer", ["orders/0@0", "orders/0@1"])
  .process("billing", "drainer", "orders/0@0")
  .process("billing", "drainer", "orders/0@1")
  .commit("billing", "drainer", 3, ["orders/0@2"])
  .poll("billing", "drainer", []).history

/** A stream run that loses orders/0@1: committed before processing, then a crash. */
const streamLost = new HistoryBuilder()
  .send("orders/0@0")
  .send("orders/0@1")
  .join("billing", "a", 1, all)
  .poll("billing", "a", ["orders/0@0", "orders/0@1"])
  .commit("billing", "a", 1, ["orders/0@2"])
  .process("billing", "a", "orders/0@0")
  .crash("billing", "a")
  .advance(1000, 1000, [{ group: "billing", member: "a" }], [{ group: "billing", generation: 2 }])
  .join("billing", "drainer", 3, all)
  .poll("billing", "drainer", []).history

const tx = (offset: number, sequence: number, value: string) => dataEntry(offset, { producer: "tp", value, id: [0, 0, sequence], transactional: true })

/** A transactional run: a committed and an aborted transaction, dumped. */
const streamTxn = new HistoryBuilder()
  .init("tp", 0, 0)
  .begin("tp")
  .send("orders/0@0", { producer: "tp", value: "a" })
  .send("orders/1@0", { producer: "tp", value: "b" })
  .txnCommit("tp", ["orders/0@1", "orders/1@1"])
  .begin("tp")
  .send("orders/0@2", { producer: "tp", value: "c" })
  .txnAbort("tp", ["orders/0@3"])
  .dump("orders/0", [tx(0, 0, "a"), markerEntry(1, "tx", 0, 0, "commit"), tx(2, 1, "c"), markerEntry(3, "tx", 0, 0, "abort")])
  .dump("orders/1", [tx(0, 0, "b"), markerEntry(1, "tx", 0, 0, "commit")])
  .fetched("audit", []).history

/** Queue traffic without clock moves: a send, receive, process and acknowledgement on each kind of queue, a crash, and every queue listed. */
const queueTraffic: History = new HistoryBuilder()
  .queueSend("jobs")
  .queueSend("orders.fifo", { group: "g", dedupId: "d" })
  .queueSend("orders.fifo", { group: "g", dedupId: "d", deduplicated: 1 })
  .queueReceive("jobs", "a", [0])
  .queueProcess("jobs", "a", 0)
  .queueAck("jobs", "a", 0)
  .queueReceive("orders.fifo", "b", [1])
  .queueProcess("orders.fifo", "b", 1)
  .queueAck("orders.fifo", "b", 1)
  .queueSend("emails")
  .queueReceive("emails", "c", [2])
  .queueCrash("emails", "c", [2])
  .queueListed("jobs")
  .queueListed("jobs-dlq")
  .queueListed("emails", [{ messageId: 2, value: "m2", receiveCount: 1, receipt: 2, inFlightUntilMs: 500 }])
  .queueListed("orders.fifo", [], [{ dedupId: "d", messageId: 1, atMs: 0 }])
  .queueListed("orders-dlq.fifo").history

/** The stream history with the queue traffic spread between its entries (never after its last), and where each stream entry went. */
const interleave = (stream: History, queue: History): { readonly history: History; readonly at: ReadonlyArray<number> } => {
  const history: Array<HistoryEntry> = []
  const at: Array<number> = []
  let next = 0
  stream.forEach((entry, index) => {
    at.push(history.length)
    history.push(entry)
    if (index === stream.length - 1) return
    const share = Math.ceil((queue.length - next) / (stream.length - 1 - index))
    for (let i = 0; i < share && next < queue.length; i++) history.push(queue[next++])
  })
  return { history, at }
}

const withQueues = (config: Config): Config => ({ ...config, queues: queueTestConfig.queues ?? [] })

describe("queue entries in a stream history", () => {
  it("use valid configs", () => {
    expect(validateConfig(queueTestConfig)).toBeUndefined()
    expect(validateConfig(withQueues(configTxn))).toBeUndefined()
  })

  for (const [name, stream, config] of [
    ["a witnessed stream run", streamWitnessed, queueTestConfig],
    ["a stream run with a loss", streamLost, queueTestConfig],
    ["a transactional run", streamTxn, withQueues(configTxn)]
  ] as const) {
    it(`change no stream checker's verdict or witness: ${name}`, () => {
      const mixed = interleave(stream, queueTraffic)
      expect(mixed.history.length).toBe(stream.length + queueTraffic.length)
      // the runs exercise the stream checkers: something is witnessed, and the lossy run is caught
      if (stream !== streamLost) expect(streamChecks.some((check) => check.sometimes(stream, config))).toBe(true)
      else expect(streamChecks.find((check) => check.id === "NoLossUnderAtLeastOnce")?.always(stream, config)).toBeDefined()
      for (const check of streamChecks) {
        const alone = check.always(stream, config)
        const beside = check.always(mixed.history, config)
        expect(beside === undefined, check.id).toBe(alone === undefined)
        if (alone !== undefined) expect(beside?.step, check.id).toBe(mixed.at[alone.step])
        expect(check.sometimes(mixed.history, config), check.id).toBe(check.sometimes(stream, config))
        expect(check.undrainedOf?.(mixed.history, config)?.size ?? 0, check.id).toBe(check.undrainedOf?.(stream, config)?.size ?? 0)
      }
    })
  }

  it("hold for the queue checkers on the mixed history", () => {
    const mixed = interleave(streamWitnessed, queueTraffic)
    for (const check of queueChecks) expect(check.always(mixed.history, queueTestConfig), check.id).toBeUndefined()
    expect(queueChecks.find((check) => check.id === "QueueNoLossUnderAtLeastOnce")?.undrainedOf?.(mixed.history, queueTestConfig)).toEqual(new Map())
  })

  it("run on a long queue history with every checker, finding nothing", () => {
    const b = new HistoryBuilder()
    for (let i = 0; i < 500; i++) {
      b.queueSend("jobs").queueReceive("jobs", "a", [2 * i]).queueProcess("jobs", "a", 2 * i).queueAck("jobs", "a", 2 * i)
      b.queueSend("orders.fifo", { group: `g${i % 7}` }).queueReceive("orders.fifo", "b", [2 * i + 1]).queueProcess("orders.fifo", "b", 2 * i + 1).queueAck("orders.fifo", "b", 2 * i + 1)
    }
    b.queueListed("jobs").queueListed("jobs-dlq").queueListed("emails").queueListed("orders.fifo").queueListed("orders-dlq.fifo")
    for (const check of guaranteeChecks) expect(check.always(b.history, queueTestConfig), check.id).toBeUndefined()
  })
})
