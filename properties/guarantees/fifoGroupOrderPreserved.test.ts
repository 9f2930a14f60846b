import { describe, expect, it } from "vitest"
import { type Config, configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { fifoGroupOrderPreserved as check } from "./fifoGroupOrderPreserved.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { queueTestConfig as config } from "./internal/queueTestConfig.ts"

const q = "orders.fifo"
/** orders.fifo gets messages 0 and 1 of group g, then 2 of group h. */
const sent = () => new HistoryBuilder().queueSend(q, { group: "g" }).queueSend(q, { group: "g" }).queueSend(q, { group: "h" })

describe("FifoGroupOrderPreserved", () => {
  it("holds and is witnessed when a receive passes over a group blocked behind its in-flight message", () => {
    const b = sent()
      .queueReceive(q, "a", [0, 2], { messagesMax: 3 })
      .queueReceive(q, "b", [], { messagesMax: 3 })
      .queueProcess(q, "a", 0)
      .queueAck(q, "a", 0)
      .queueReceive(q, "b", [1], { messagesMax: 3 })
      .queueProcess(q, "b", 2)
      .queueProcess(q, "a", 1)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("does not witness a receive that had no room left", () => {
    const b = sent().queueReceive(q, "a", [0]).queueReceive(q, "b", [2], { messagesMax: 1 })
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("holds for consecutive messages of a group in one answer, and is violated by one answer that returns them out of order", () => {
    const inOrder = sent().queueReceive(q, "a", [0, 1, 2], { messagesMax: 3 })
    expect(check.always(inOrder.history, config)).toBeUndefined()
    const reversed = sent().queueReceive(q, "a", [1, 0], { messagesMax: 3 })
    expect(check.always(reversed.history, config)).toEqual({
      step: 3,
      message: "FIFO queue orders.fifo gave message 1 of group g (receipt 0, consumer a) at 0 ms, but message 0 of its group, sent at step 1 before it (sent at step 2), is still in orders.fifo: neither deleted nor moved out"
    })
    // in one answer after a redelivery: 1 before the message 0 it follows
    const skipped = sent().queueReceive(q, "a", [0, 1], { messagesMax: 3 }).queueRelease(q, "a", 0).advance(1000, 1000).queueReceive(q, "b", [1, 0], { messagesMax: 3 })
    expect(check.always(skipped.history, config)?.message).toContain("gave message 1 of group g (receipt 2, consumer b) at 1000 ms, but message 0 of its group")
  })

  it("is violated by a message received while another of its group is in flight", () => {
    const b = sent().queueReceive(q, "a", [0]).queueReceive(q, "b", [1])
    expect(check.always(b.history, config)).toEqual({
      step: 4,
      message: "FIFO queue orders.fifo gave message 1 of group g (receipt 1, consumer b) at 0 ms, but message 0 of its group is in flight until 1000 ms (receipt 0 (consumer a, at 0 ms))"
    })
  })

  it("is violated by a message received out of order while the earlier one is visible", () => {
    const b = sent().queueReceive(q, "a", [1])
    expect(check.always(b.history, config)).toEqual({
      step: 3,
      message: "FIFO queue orders.fifo gave message 1 of group g (receipt 0, consumer a) at 0 ms, but message 0 of its group, sent at step 1 before it (sent at step 2), is still in orders.fifo: neither deleted nor moved out"
    })
    const afterTimeout = sent().queueReceive(q, "a", [0]).advance(1000, 1000).queueReceive(q, "b", [1])
    expect(check.always(afterTimeout.history, config)?.step).toBe(5)
  })

  it("lets the next message of a group go once the earlier one moved to the dead-letter queue, and queues a redriven message at the end", () => {
    const b = sent()
      .queueReceive(q, "a", [0])
      .advance(1000, 1000)
      .queueReceive(q, "a", [0])
      .advanceDeadLettering(1000, 2000, [{ queue: q, messageId: 0, deadLetterQueue: "orders-dlq.fifo" }])
      .queueReceive(q, "b", [1])
      .queueRedrive("orders-dlq.fifo", [{ messageId: 0, source: q }])
      .queueProcess(q, "b", 2)
      .queueAck(q, "b", 2)
      .queueReceive(q, "c", [0])
      .queueProcess(q, "c", 3)
    expect(check.always(b.history, config)).toBeUndefined()
    const redrivenFirst = sent()
      .queueReceive(q, "a", [0])
      .advance(1000, 1000)
      .queueReceive(q, "a", [0])
      .advanceDeadLettering(1000, 2000, [{ queue: q, messageId: 0, deadLetterQueue: "orders-dlq.fifo" }])
      .queueRedrive("orders-dlq.fifo", [{ messageId: 0, source: q }])
      .queueReceive(q, "c", [0])
    expect(check.always(redrivenFirst.history, config)?.message).toBe(
      "FIFO queue orders.fifo gave message 0 of group g (receipt 2, consumer c) at 2000 ms, but message 1 of its group, sent at step 2 before it (redriven at step 8), is still in orders.fifo: neither deleted nor moved out"
    )
  })

  it("keeps the order in the dead-letter queue too", () => {
    const b = sent()
      .queueReceive(q, "a", [0])
      .advance(1000, 1000)
      .queueReceive(q, "a", [0])
      .advanceDeadLettering(1000, 2000, [{ queue: q, messageId: 0, deadLetterQueue: "orders-dlq.fifo" }])
      .queueSend("orders-dlq.fifo", { group: "g" })
      .queueReceive("orders-dlq.fifo", "d", [3], { counts: [1] })
    expect(check.always(b.history, config)?.message).toBe(
      "FIFO queue orders-dlq.fifo gave message 3 of group g (receipt 2, consumer d) at 2000 ms, but message 0 of its group, moved at step 7 before it (sent at step 8), is still in orders-dlq.fifo: neither deleted nor moved out"
    )
  })

  it("is violated by an at-least-once processing out of order, and not by a stale receipt processed late", () => {
    const b = sent().queueReceive(q, "a", [0]).queueAck(q, "a", 0).queueReceive(q, "b", [1]).queueProcess(q, "b", 1)
    expect(check.always(b.history, config)).toEqual({
      step: 6,
      message: "at-least-once FIFO queue orders.fifo's consumer b first processed message 1 of group g (receipt 1) at 0 ms, but message 0 of its group, sent at step 1 before it (sent at step 2), was never processed and did not move to the dead-letter queue"
    })
    const slow = sent()
      .queueReceive(q, "a", [0])
      .advance(1000, 1000)
      .queueReceive(q, "b", [0])
      .queueProcess(q, "b", 1)
      .queueAck(q, "b", 1)
      .queueReceive(q, "b", [1])
      .queueProcess(q, "b", 2)
      .queueProcess(q, "a", 0)
    expect(check.always(slow.history, config)).toBeUndefined()
  })

  it("does not wait for a message of the group that a drop-oldest bound dropped", () => {
    const bounded: Config = {
      ...config,
      queues: config.queues!.map((queue) => (queue.name === q ? { ...queue, messagesMax: 2, overflow: "drop-oldest" as const } : queue))
    }
    const b = new HistoryBuilder()
      .queueSend(q, { group: "g" })
      .queueSend(q, { group: "g" })
      .queueSend(q, { group: "g", dropped: 0 })
      .queueReceive(q, "a", [1])
      .queueProcess(q, "a", 0)
      .queueAck(q, "a", 0)
      .queueReceive(q, "a", [2])
      .queueProcess(q, "a", 1)
    expect(check.always(b.history, bounded)).toBeUndefined()
  })

  it("is n/a without a FIFO queue", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe("needs a FIFO queue; the config has none")
  })
})
