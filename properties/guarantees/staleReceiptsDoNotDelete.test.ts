import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { boundedQueueTestConfig } from "./internal/boundedQueueTestConfig.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { queueTestConfig as config } from "./internal/queueTestConfig.ts"
import { staleReceiptsDoNotDelete as check } from "./staleReceiptsDoNotDelete.ts"

/** a receives message 0 of jobs (receipt 0); its visibility runs out; b receives it again (receipt 1). */
const receivedTwice = () => new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).advance(1000, 1000).queueReceive("jobs", "b", [0])

describe("StaleReceiptsDoNotDelete", () => {
  it("holds and is witnessed when a slow consumer's stale receipt deletes nothing and the latest one deletes", () => {
    const b = receivedTwice().queueProcess("jobs", "a", 0).queueAck("jobs", "a", 0, false).queueProcess("jobs", "b", 1).queueAck("jobs", "b", 1)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is violated by a stale receipt that deletes", () => {
    const b = receivedTwice().queueAck("jobs", "a", 0, true)
    expect(check.always(b.history, config)).toEqual({
      step: 4,
      message: "queue jobs acknowledged receipt 0 of message 0 (consumer a) at 1000 ms with deleted: true, but the receipt was stale: receipt 1 (consumer b, at 1000 ms) received it again since, from jobs"
    })
  })

  it("is violated by the latest receipt that does not delete", () => {
    const b = receivedTwice().queueAck("jobs", "b", 1, false)
    expect(check.always(b.history, config)).toEqual({
      step: 4,
      message: "queue jobs acknowledged receipt 1 of message 0 (consumer b) at 1000 ms with deleted: false, but the receipt is its latest (receipt 1 (consumer b, at 1000 ms)) and it was not deleted, moved or redriven since"
    })
  })

  it("lets the latest receipt delete after its visibility ran out (it stays current until the next receive)", () => {
    const b = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).advance(5000, 5000).queueAck("jobs", "a", 0)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("is violated by a second deletion with the same receipt", () => {
    const b = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueAck("jobs", "a", 0).queueAck("jobs", "b", 0, true)
    expect(check.always(b.history, config)?.message).toBe(
      "queue jobs acknowledged receipt 0 of message 0 (consumer b) at 0 ms with deleted: true, but the receipt was stale: receipt 0 of consumer a deleted it at step 3"
    )
    const again = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueAck("jobs", "a", 0).queueAck("jobs", "b", 0, false)
    expect(check.always(again.history, config)).toBeUndefined()
  })

  it("calls a receipt stale once its message moved to the dead-letter queue or was redriven", () => {
    const moved = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .advance(1000, 1000)
      .queueReceive("jobs", "a", [0])
      .advanceDeadLettering(1000, 2000, [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }])
    expect(check.always(moved.queueAck("jobs", "a", 1, false).history, config)).toBeUndefined()
    const movedDeletes = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .advance(1000, 1000)
      .queueReceive("jobs", "a", [0])
      .advanceDeadLettering(1000, 2000, [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }])
      .queueAck("jobs", "a", 1, true)
    expect(check.always(movedDeletes.history, config)?.message).toBe(
      "queue jobs acknowledged receipt 1 of message 0 (consumer a) at 2000 ms with deleted: true, but the receipt was stale: ClockAdvanced moved it to jobs-dlq at step 5"
    )
    const redriven = movedDeletes.history.slice(0, 5)
    const b = new HistoryBuilder()
    for (const entry of redriven) b.entry(entry.command, entry.response)
    b.queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }]).entry(
      { _tag: "QueueAck", queue: "jobs", consumer: "a", receipt: 1 },
      { _tag: "Acknowledged", queue: "jobs", consumer: "a", receipt: 1, messageId: 0, deleted: true }
    )
    expect(check.always(b.history, config)?.message).toBe(
      "queue jobs acknowledged receipt 1 of message 0 (consumer a) at 2000 ms with deleted: true, but the receipt was stale: Redriven moved it back from jobs-dlq to jobs at step 6"
    )
  })

  it("takes a message a bound dropped as gone: its latest receipt deletes nothing", () => {
    const dropped = () =>
      new HistoryBuilder().queueSend("oldest").queueReceive("oldest", "a", [0]).advance(1000, 1000).queueSend("oldest").queueSend("oldest", { dropped: 0 })
    expect(check.always(dropped().queueAck("oldest", "a", 0, false).history, boundedQueueTestConfig)).toBeUndefined()
    expect(check.always(dropped().queueAck("oldest", "a", 0, true).history, boundedQueueTestConfig)).toEqual({
      step: 5,
      message: "queue oldest acknowledged receipt 0 of message 0 (consumer a) at 1000 ms with deleted: true, but the receipt was stale: the Enqueued of oldest at step 5 dropped it to make room"
    })
  })

  it("does not judge a receipt its queue never issued", () => {
    const b = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .entry({ _tag: "QueueAck", queue: "emails", consumer: "a", receipt: 0 }, { _tag: "Acknowledged", queue: "emails", consumer: "a", receipt: 0, messageId: 0, deleted: true })
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("is n/a without a queue", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe("needs a queue; the config has none")
  })
})
