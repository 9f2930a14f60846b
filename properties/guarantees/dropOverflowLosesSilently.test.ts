import { describe, expect, it } from "vitest"
import { type Config, configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { deduplicationWindowSuppresses } from "./deduplicationWindowSuppresses.ts"
import { dropOverflowLosesSilently as check } from "./dropOverflowLosesSilently.ts"
import { boundedQueueTestConfig as config } from "./internal/boundedQueueTestConfig.ts"
import { HistoryBuilder, queueEntry } from "./internal/historyBuilder.ts"
import { queueTestConfig } from "./internal/queueTestConfig.ts"
import { staleReceiptsDoNotDelete } from "./staleReceiptsDoNotDelete.ts"

const oldest = "queue oldest (messagesMax 2, overflow drop-oldest)"
const newest = "queue newest.fifo (messagesMax 2, overflow drop-newest)"

/** oldest (bound 2) enqueues messages 0 and 1: it is full. */
const fullOldest = () => new HistoryBuilder().queueSend("oldest").queueSend("oldest")
/** newest.fifo (bound 2) enqueues messages 0 and 1 of group g: it is full. */
const fullNewest = () => new HistoryBuilder().queueSend("newest.fifo", { group: "g" }).queueSend("newest.fifo", { group: "g" })

describe("DropOverflowLosesSilently", () => {
  it("holds and is witnessed: drop-oldest drops message 0, which is never processed; the rest drains", () => {
    const b = fullOldest()
      .queueSend("oldest", { dropped: 0 })
      .queueReceive("oldest", "a", [1, 2])
      .queueProcess("oldest", "a", 0)
      .queueAck("oldest", "a", 0)
      .queueProcess("oldest", "a", 1)
      .queueAck("oldest", "a", 1)
      .queueListed("oldest")
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("holds and is witnessed: drop-newest drops the send's own message", () => {
    const b = fullNewest().queueSend("newest.fifo", { group: "g", dropped: 2 }).queueReceive("newest.fifo", "a", [0]).queueListed("newest.fifo", [queueEntry(1, { group: "g" })])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is not witnessed without a drop, nor by a drop of a message processed before", () => {
    expect(check.sometimes(fullOldest().history, config)).toBe(false)
    const processedFirst = new HistoryBuilder()
      .queueSend("oldest")
      .queueReceive("oldest", "a", [0])
      .queueProcess("oldest", "a", 0)
      .advance(1000, 1000)
      .queueSend("oldest")
      .queueSend("oldest", { dropped: 0 })
      // the late acknowledgement finds its message gone: deleted: false, as StaleReceiptsDoNotDelete expects
      .queueAck("oldest", "a", 0, false)
    expect(check.always(processedFirst.history, config)).toBeUndefined()
    expect(check.sometimes(processedFirst.history, config)).toBe(false)
    expect(staleReceiptsDoNotDelete.always(processedFirst.history, config)).toBeUndefined()
  })

  it("is violated by a drop while the queue has room", () => {
    const b = new HistoryBuilder().queueSend("oldest").queueSend("oldest", { dropped: 0 })
    expect(check.always(b.history, config)).toEqual({
      step: 1,
      message: `${oldest} answered a send of "m1" at 0 ms with Enqueued message 1 dropping message 0, but it held 1 visible message, fewer than its messagesMax of 2: it dropped a message while it had room`
    })
    const inFlight = fullOldest().queueReceive("oldest", "a", [0]).queueSend("oldest", { dropped: 1 })
    expect(check.always(inFlight.history, config)?.step).toBe(3)
  })

  it("is violated by a full queue that stores without dropping (the bound ignored)", () => {
    expect(check.always(fullOldest().queueSend("oldest").history, config)).toEqual({
      step: 2,
      message: `${oldest} answered a send of "m2" at 0 ms with Enqueued message 2, but it held 2 visible messages, its messagesMax of 2 or more: it stored the message without dropping any, and drop-oldest drops the first visible message: its first visible message in queue order is message 0 (appended at step 1)`
    })
    expect(check.always(fullNewest().queueSend("newest.fifo", { group: "g" }).history, config)?.message).toBe(
      `${newest} answered a send of "m2" at 0 ms with Enqueued message 2, but it held 2 visible messages, its messagesMax of 2 or more: it stored the message without dropping any, and drop-newest drops the send's own message 2`
    )
  })

  it("is violated by a drop at the wrong end", () => {
    expect(check.always(fullOldest().queueSend("oldest", { dropped: 1 }).history, config)?.message).toBe(
      `${oldest} answered a send of "m2" at 0 ms with Enqueued message 2 dropping message 1, but it held 2 visible messages, its messagesMax of 2 or more: it dropped message 1, and drop-oldest drops the first visible message: its first visible message in queue order is message 0 (appended at step 1)`
    )
    expect(check.always(fullOldest().queueSend("oldest", { dropped: 2 }).history, config)?.step).toBe(2)
    expect(check.always(fullNewest().queueSend("newest.fifo", { group: "g", dropped: 0 }).history, config)).toEqual({
      step: 2,
      message: `${newest} answered a send of "m2" at 0 ms with Enqueued message 2 dropping message 0, but it held 2 visible messages, its messagesMax of 2 or more: it dropped message 0, and drop-newest drops the send's own message 2`
    })
  })

  it("finds the oldest visible message past the ones in flight, and counts messages visible again over the bound", () => {
    const b = fullOldest()
      .queueReceive("oldest", "a", [0])
      .queueSend("oldest")
      .queueSend("oldest", { dropped: 1 })
      .advance(1000, 1000)
      // message 0 is visible again, first in queue order: 2 visible (0 and 2), full
      .queueSend("oldest", { dropped: 0 })
    expect(check.always(b.history, config)).toBeUndefined()
    const wrong = fullOldest().queueReceive("oldest", "a", [0]).queueSend("oldest").queueSend("oldest", { dropped: 0 })
    expect(check.always(wrong.history, config)?.message).toMatch(/it dropped message 0, and drop-oldest drops the first visible message: its first visible message in queue order is message 1 \(appended at step 2\)$/)
  })

  it("is violated by a dropped message received, deleted, moved or listed afterwards", () => {
    const dropped = () => fullOldest().queueSend("oldest", { dropped: 0 })
    expect(check.always(dropped().queueReceive("oldest", "a", [1, 0]).history, config)).toEqual({
      step: 3,
      message: "queue oldest gave consumer a (receipt 1, at 0 ms) message 0, which the Enqueued of oldest at step 3 (message 2) dropped: a dropped message is gone"
    })
    expect(check.always(dropped().queueListed("oldest", [queueEntry(0), queueEntry(1), queueEntry(2)]).history, config)?.message).toBe(
      "the listing of oldest at 0 ms holds message 0, which the Enqueued of oldest at step 3 (message 2) dropped: a dropped message is gone"
    )
    const deleted = new HistoryBuilder()
      .queueSend("oldest")
      .queueReceive("oldest", "a", [0])
      .advance(1000, 1000)
      .queueSend("oldest")
      .queueSend("oldest", { dropped: 0 })
      .queueAck("oldest", "a", 0)
    expect(check.always(deleted.history, config)).toEqual({
      step: 5,
      message: "queue oldest deleted (receipt 0, at 1000 ms) message 0, which the Enqueued of oldest at step 5 (message 2) dropped: a dropped message is gone"
    })
    const moved = dropped().advanceDeadLettering(1000, 1000, [{ queue: "oldest", messageId: 0, deadLetterQueue: "free" }])
    expect(check.always(moved.history, config)?.message).toBe(
      "ClockAdvanced to 1000 ms moved from oldest to free message 0, which the Enqueued of oldest at step 3 (message 2) dropped: a dropped message is gone"
    )
    const newestReceived = fullNewest().queueSend("newest.fifo", { group: "g", dropped: 2 }).queueReceive("newest.fifo", "a", [2])
    expect(check.always(newestReceived.history, config)?.step).toBe(3)
  })

  it("is violated by a refusal, and by a deduplicated send that drops", () => {
    expect(check.always(new HistoryBuilder().queueSendRejected("oldest", "x").history, config)).toEqual({
      step: 0,
      message: `${oldest} answered a send of "x" at 0 ms with SendRejected, but a drop-oldest queue accepts every send`
    })
    const dedup = new HistoryBuilder()
      .queueSend("newest.fifo", { group: "g", dedupId: "d" })
      .queueSend("newest.fifo", { group: "g" })
      .queueSend("newest.fifo", { group: "g", dedupId: "d", deduplicated: 0, dropped: 1 })
    expect(check.always(dedup.history, config)?.message).toMatch(/a deduplicated send stores nothing, so it drops nothing$/)
  })

  it("forgets the dedup id of a message drop-newest dropped", () => {
    const b = fullNewest()
      .queueSend("newest.fifo", { group: "g", dedupId: "d", dropped: 2 })
      .queueReceive("newest.fifo", "a", [0])
      .queueSend("newest.fifo", { group: "g", dedupId: "d" })
    expect(check.always(b.history, config)).toBeUndefined()
    expect(deduplicationWindowSuppresses.always(b.history, config)).toBeUndefined()
  })

  it("leaves the block and reject queues to OverflowIsKnownToTheProducer", () => {
    const b = new HistoryBuilder().queueSendBlocked("blocking", "x").queueSend("rejecting", { dropped: 0 })
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("is n/a without a drop-oldest or drop-newest queue", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    const none = "needs a bounded queue whose overflow is drop-oldest or drop-newest; the config has none"
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe(none)
    expect(notApplicableReasonOf(guaranteeById(check.id), check, queueTestConfig)).toBe(none)
    const refusingOnly: Config = { ...config, queues: config.queues!.filter((queue) => queue.overflow === "block" || queue.overflow === "reject") }
    expect(notApplicableReasonOf(guaranteeById(check.id), check, refusingOnly)).toBe(none)
  })
})
