import { describe, expect, it } from "vitest"
import { type Config, configDefault, guaranteeById, validateConfig } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { boundedQueueTestConfig as config } from "./internal/boundedQueueTestConfig.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { queueTestConfig } from "./internal/queueTestConfig.ts"
import { overflowIsKnownToTheProducer as check } from "./overflowIsKnownToTheProducer.ts"

const bound = "messagesMax 2, overflow block"

/** blocking (bound 2) enqueues messages 0 and 1: it is full. */
const full = () => new HistoryBuilder().queueSend("blocking").queueSend("blocking")

/** Receives, processes and acknowledges these messages of blocking (receipts from `firstReceipt`), then lists it empty: its drain. */
const drain = (b: HistoryBuilder, messageIds: ReadonlyArray<number>, firstReceipt: number) => {
  b.queueReceive("blocking", "drainer", messageIds)
  messageIds.forEach((_, i) => b.queueProcess("blocking", "drainer", firstReceipt + i).queueAck("blocking", "drainer", firstReceipt + i))
  return b.queueReceive("blocking", "drainer", [], { messagesMax: 10 }).queueListed("blocking")
}

describe("OverflowIsKnownToTheProducer", () => {
  it("uses a valid config", () => {
    expect(validateConfig(config)).toBeUndefined()
  })

  it("holds and is witnessed: a full block queue blocks, a receive makes room, the blocked message is enqueued, the queue drains", () => {
    const b = drain(
      full()
        .queueSendBlocked("blocking", "x")
        .queueReceive("blocking", "a", [0])
        .queueSend("blocking", { value: "x" })
        .queueProcess("blocking", "a", 0)
        .queueAck("blocking", "a", 0),
      [1, 2],
      1
    )
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("holds for a reject queue that rejects when full, and counts visible messages only", () => {
    const b = new HistoryBuilder()
      .queueSend("rejecting")
      .queueSend("rejecting")
      .queueSendRejected("rejecting", "x")
      .queueReceive("rejecting", "a", [0])
      .queueSend("rejecting", { value: "x" })
      .queueSendRejected("rejecting", "y")
      .advance(1000, 1000)
      // message 0's visibility ended: 3 visible messages, over the bound until consumers catch up
      .queueSendRejected("rejecting", "y")
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("is violated by a refusal while the queue has room, in flight messages not counted", () => {
    const roomy = new HistoryBuilder().queueSend("blocking").queueSendBlocked("blocking", "x")
    expect(check.always(roomy.history, config)).toEqual({
      step: 1,
      message: `queue blocking (${bound}) answered a send of "x" at 0 ms with SendBlocked, but it held 1 visible message, fewer than its messagesMax of 2: it refused a send it had room for`
    })
    const inFlight = full().queueReceive("blocking", "a", [0]).queueSendBlocked("blocking", "x")
    expect(check.always(inFlight.history, config)?.step).toBe(3)
    const visibleAgain = full().queueReceive("blocking", "a", [0]).advance(1000, 1000).queueSendBlocked("blocking", "x")
    expect(check.always(visibleAgain.history, config)).toBeUndefined()
  })

  it("is violated by a send enqueued while the queue is full (the bound ignored)", () => {
    expect(check.always(full().queueSend("blocking").history, config)).toEqual({
      step: 2,
      message: `queue blocking (${bound}) answered a send of "m2" at 0 ms with Enqueued message 2, but it held 2 visible messages, its messagesMax of 2 or more: the send should have been answered SendBlocked`
    })
    const rejecting = new HistoryBuilder().queueSend("rejecting").queueSend("rejecting").queueSend("rejecting")
    expect(check.always(rejecting.history, config)?.message).toBe(
      'queue rejecting (messagesMax 2, overflow reject) answered a send of "m2" at 0 ms with Enqueued message 2, but it held 2 visible messages, its messagesMax of 2 or more: the send should have been answered SendRejected'
    )
  })

  it("is violated by a drop on a block or reject queue (a reject that drops the oldest)", () => {
    const b = new HistoryBuilder().queueSend("rejecting").queueSend("rejecting").queueSend("rejecting", { dropped: 0 })
    expect(check.always(b.history, config)).toEqual({
      step: 2,
      message: 'queue rejecting (messagesMax 2, overflow reject) answered a send of "m2" at 0 ms with Enqueued message 2 dropping message 0, but a reject queue discards nothing to make room: the loss is silent'
    })
    const roomy = new HistoryBuilder().queueSend("blocking", { dropped: 0 })
    expect(check.always(roomy.history, config)?.step).toBe(0)
  })

  it("is violated by a message received that no Enqueued gave: a refused send stored all the same (mutant:refuse-but-store)", () => {
    const b = full().queueSendBlocked("blocking", "x").queueReceive("blocking", "a", [0, 1, 2])
    expect(check.always(b.history, config)).toEqual({
      step: 3,
      message: "blocking gave message 2 (receipt 2) to consumer a, but no Enqueued answer gave that id: the queue stored a send it answered otherwise (a refusal the producer will act on, so the message may be enqueued twice)"
    })
  })

  it("is violated by a send answered deduplicated whose dedup id the queue does not remember: a silent loss", () => {
    const b = new HistoryBuilder().queueSend("blocking").queueSend("blocking", { deduplicated: 0 })
    expect(check.always(b.history, config)?.message).toMatch(/answered deduplicated with no dedup id of it remembered: nothing was enqueued and the producer was not told, a silent loss$/)
  })

  it("is violated by the wrong refusal, and by a refusal of a queue without a bound", () => {
    const wrong = new HistoryBuilder().queueSend("rejecting").queueSend("rejecting").queueSendBlocked("rejecting", "x")
    expect(check.always(wrong.history, config)?.message).toBe(
      'queue rejecting (messagesMax 2, overflow reject) answered a send of "x" at 0 ms with SendBlocked, but a reject queue answers a send that finds it full with SendRejected'
    )
    const unbounded = new HistoryBuilder().queueSendRejected("free", "x")
    expect(check.always(unbounded.history, config)).toEqual({
      step: 0,
      message: 'queue free (no bound) answered a send of "x" at 0 ms with SendRejected, but free has no bound: it never refuses a send'
    })
  })

  it("leaves the drop queues to DropOverflowLosesSilently", () => {
    const b = new HistoryBuilder().queueSendRejected("oldest", "x").queueSend("oldest", { dropped: 0 })
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("checks deduplication before the bound: a full FIFO block queue answers a remembered duplicate as enqueued", () => {
    const fifo: Config = {
      ...config,
      queues: [{ name: "blocking.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 2, overflow: "block", fifo: true }]
    }
    expect(validateConfig(fifo)).toBeUndefined()
    const fullFifo = () => new HistoryBuilder().queueSend("blocking.fifo", { group: "g", dedupId: "d" }).queueSend("blocking.fifo", { group: "g" })
    const deduplicated = fullFifo().queueSend("blocking.fifo", { group: "g", dedupId: "d", deduplicated: 0 })
    expect(check.always(deduplicated.history, fifo)).toBeUndefined()
    const blocked = fullFifo().queueSendBlocked("blocking.fifo", "x", { group: "g", dedupId: "d" })
    expect(check.always(blocked.history, fifo)?.message).toBe(
      'queue blocking.fifo (messagesMax 2, overflow block) answered a send of "x" at 0 ms with SendBlocked, but dedup id "d" is remembered (message 0, enqueued at 0 ms, step 1): a duplicate is answered Enqueued deduplicated before the bound is checked'
    )
    const fresh = fullFifo().queueSendBlocked("blocking.fifo", "x", { group: "g", dedupId: "e" })
    expect(check.always(fresh.history, fifo)).toBeUndefined()
  })

  it("is violated when a drained history never enqueues a blocked message, reported at the last step", () => {
    const b = drain(full().queueSendBlocked("blocking", "x"), [0, 1], 0)
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map())
    expect(check.always(b.history, config)).toEqual({
      step: b.history.length - 1,
      message: 'block queue blocking answered a send of "x" with SendBlocked at step 3, but no later send of that value was Enqueued in blocking by the end of the drained history: the blocked message was lost'
    })
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("needs the enqueue after the block, and names the first of repeated blocks", () => {
    const before = drain(new HistoryBuilder().queueSend("blocking", { value: "x" }).queueSend("blocking").queueSendBlocked("blocking", "x"), [0, 1], 0)
    expect(check.always(before.history, config)?.message).toMatch(/^block queue blocking answered a send of "x" with SendBlocked at step 3,/)
    const again = drain(full().queueSendBlocked("blocking", "x").queueSendBlocked("blocking", "x").queueSendBlocked("blocking", "y"), [0, 1], 0)
    expect(check.always(again.history, config)?.message).toMatch(/^block queue blocking answered a send of "x" with SendBlocked at step 3,/)
    const retried = drain(full().queueSendBlocked("blocking", "x").queueSendBlocked("blocking", "x"), [0, 1], 0).queueSend("blocking", { value: "x" })
    // enqueued after the listing: the queue changed since, so it is not shown drained, and the enqueue counts
    expect(check.always(retried.history, config)).toBeUndefined()
    expect(check.sometimes(retried.history, config)).toBe(true)
  })

  it("does not judge the blocked messages of a queue whose drain is not shown, and says why", () => {
    const b = full().queueSendBlocked("blocking", "x")
    expect(check.undrainedOf?.(b.history, config)).toEqual(new Map([["blocking", "no ObserverQueue lists blocking after its last change (step 2)"]]))
    expect(check.always(b.history, config)).toBeUndefined()
    const notEmpty = full().queueSendBlocked("blocking", "x").queueListed("blocking", [])
    expect(check.always(notEmpty.history, config)?.step).toBe(3)
  })

  it("is not witnessed by a block that was never followed by an enqueue, nor by a wrong block", () => {
    const never = full().queueSendBlocked("blocking", "x")
    expect(check.sometimes(never.history, config)).toBe(false)
    const roomy = new HistoryBuilder().queueSendBlocked("blocking", "x").queueSend("blocking", { value: "x" })
    expect(check.sometimes(roomy.history, config)).toBe(false)
  })

  it("is n/a without a block or reject queue", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    const none = "needs a bounded queue whose overflow is block or reject; the config has none"
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe(none)
    expect(notApplicableReasonOf(guaranteeById(check.id), check, queueTestConfig)).toBe(none)
    const dropsOnly: Config = { ...config, queues: config.queues!.filter((queue) => queue.overflow !== "block" && queue.overflow !== "reject") }
    expect(notApplicableReasonOf(guaranteeById(check.id), check, dropsOnly)).toBe(none)
  })
})
