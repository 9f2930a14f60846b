import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById, validateConfig } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { queueTestConfig as config } from "./internal/queueTestConfig.ts"
import { visibilityTimeoutRedelivers as check } from "./visibilityTimeoutRedelivers.ts"

/** jobs gets message 0; consumer a receives it at 0 ms (receipt 0) and crashes. */
const crashed = () => new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueCrash("jobs", "a", [0])

describe("VisibilityTimeoutRedelivers", () => {
  it("uses a valid config", () => {
    expect(validateConfig(config)).toBeUndefined()
  })

  it("holds and is witnessed when a crashed consumer's message is received again exactly at its visibility end", () => {
    const b = crashed().advance(1000, 1000).queueReceive("jobs", "b", [0]).queueProcess("jobs", "b", 1).queueAck("jobs", "b", 1)
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("is violated by a redelivery 1 ms before the visibility end", () => {
    const b = crashed().advance(999, 999).queueReceive("jobs", "b", [0])
    expect(check.always(b.history, config)).toEqual({
      step: 4,
      message: "queue jobs gave message 0 (receipt 1, consumer b) at 999 ms, before the end of its previous receive's visibility: receipt 0 (consumer a, at 0 ms) from jobs kept it in flight until 1000 ms (its queue's visibility timeout of 1000 ms)"
    })
  })

  it("is violated by two consumers holding a message in flight at once", () => {
    const b = new HistoryBuilder().queueSend("emails").queueReceive("emails", "a", [0]).queueReceive("emails", "b", [0])
    expect(check.always(b.history, config)?.step).toBe(2)
  })

  it("judges against the end an Extended set, and a Released ends the visibility at once", () => {
    const extended = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueExtend("jobs", "a", 0, 3000, 3000)
    expect(check.always(extended.advance(1000, 1000).queueReceive("jobs", "b", [0]).history, config)).toEqual({
      step: 4,
      message: "queue jobs gave message 0 (receipt 1, consumer b) at 1000 ms, before the end of its previous receive's visibility: receipt 0 (consumer a, at 0 ms) from jobs kept it in flight until 3000 ms (an Extended of its receipt)"
    })
    const afterExtension = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueExtend("jobs", "a", 0, 3000, 3000).advance(3000, 3000).queueReceive("jobs", "b", [0])
    expect(check.always(afterExtension.history, config)).toBeUndefined()
    const released = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueRelease("jobs", "a", 0).queueReceive("jobs", "b", [0])
    expect(check.always(released.history, config)).toBeUndefined()
    expect(check.sometimes(released.history, config)).toBe(false)
  })

  it("is violated by a receive of a deleted message", () => {
    const b = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).queueAck("jobs", "a", 0).advance(1000, 1000).queueReceive("jobs", "b", [0])
    expect(check.always(b.history, config)).toEqual({
      step: 4,
      message: "queue jobs gave message 0 (receipt 1, consumer b) at 1000 ms, but receipt 0 of consumer a deleted it at step 3"
    })
  })

  it("judges the second copy of a message within one Received answer against the first", () => {
    const b = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0, 0], { counts: [1, 2] })
    expect(check.always(b.history, config)?.message).toBe(
      "queue jobs gave message 0 (receipt 1, consumer a) at 0 ms, before the end of its previous receive's visibility: receipt 0 (consumer a, at 0 ms) from jobs kept it in flight until 1000 ms (its queue's visibility timeout of 1000 ms)"
    )
  })

  it("does not judge the first receive after a redrive against the receive before it", () => {
    const b = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .advance(1000, 1000)
      .queueReceive("jobs", "a", [0])
      .advanceDeadLettering(1000, 2000, [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }])
      .queueRedrive("jobs-dlq", [{ messageId: 0, source: "jobs" }])
      .queueReceive("jobs", "b", [0])
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("does not witness a redelivery without a crash", () => {
    const b = new HistoryBuilder().queueSend("jobs").queueReceive("jobs", "a", [0]).advance(1000, 1000).queueReceive("jobs", "b", [0])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(false)
  })

  it("ignores error answers", () => {
    const b = new HistoryBuilder()
      .queueSend("jobs")
      .queueReceive("jobs", "a", [0])
      .entry({ _tag: "QueueRelease", queue: "jobs", consumer: "a", receipt: 7 }, { _tag: "UnknownReceipt", queue: "jobs", receipt: 7 })
      .advance(1000, 1000)
      .queueReceive("jobs", "b", [0])
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("is n/a without a queue", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe("needs a queue; the config has none")
  })
})
