import { describe, expect, it } from "vitest"
import { configDefault, guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { deduplicationWindowSuppresses as check } from "./deduplicationWindowSuppresses.ts"
import { HistoryBuilder } from "./internal/historyBuilder.ts"
import { queueTestConfig as config } from "./internal/queueTestConfig.ts"

const q = "orders.fifo"
/** orders.fifo (window 5000 ms) enqueues message 0 of group g with dedup id "d" at 1000 ms. */
const sentD = () => new HistoryBuilder().advance(1000, 1000).queueSend(q, { group: "g", dedupId: "d" })

describe("DeduplicationWindowSuppresses", () => {
  it("holds and is witnessed: suppressed at atMs + window - 1, enqueued again at atMs + window", () => {
    const b = sentD()
      .advance(4999, 5999)
      .queueSend(q, { group: "g", dedupId: "d", deduplicated: 0 })
      .queueListed(q, [], [{ dedupId: "d", messageId: 0, atMs: 1000 }])
      .advance(1, 6000)
      .queueListed(q, [], [])
      .queueSend(q, { group: "g", dedupId: "d" })
      .queueListed(q, [], [{ dedupId: "d", messageId: 1, atMs: 6000 }])
    expect(check.always(b.history, config)).toBeUndefined()
    expect(check.sometimes(b.history, config)).toBe(true)
  })

  it("needs both halves for the witness", () => {
    const suppressedOnly = sentD().queueSend(q, { group: "g", dedupId: "d", deduplicated: 0 })
    expect(check.always(suppressedOnly.history, config)).toBeUndefined()
    expect(check.sometimes(suppressedOnly.history, config)).toBe(false)
    const againOnly = sentD().advance(5000, 6000).queueSend(q, { group: "g", dedupId: "d" })
    expect(check.always(againOnly.history, config)).toBeUndefined()
    expect(check.sometimes(againOnly.history, config)).toBe(false)
  })

  it("is violated by a dedup that never applies (a duplicate within the window enqueued again)", () => {
    const b = sentD().advance(4999, 5999).queueSend(q, { group: "g", dedupId: "d" })
    expect(check.always(b.history, config)).toEqual({
      step: 3,
      message: "queue orders.fifo answered a send with dedup id \"d\" at 5999 ms with message 1 (enqueued), but the id was enqueued as message 0 at 1000 ms (step 2), less than its dedupWindowMs of 5000 ms before: it should have been suppressed as a duplicate of message 0"
    })
  })

  it("is violated by a dedup that never expires (suppressed at atMs + window)", () => {
    const b = sentD().advance(5000, 6000).queueSend(q, { group: "g", dedupId: "d", deduplicated: 0 })
    expect(check.always(b.history, config)).toEqual({
      step: 3,
      message: "queue orders.fifo answered a send with dedup id \"d\" at 6000 ms with message 0 (deduplicated), but the id was last enqueued as message 0 at 1000 ms (step 2), its dedupWindowMs of 5000 ms or more before: its window had expired"
    })
  })

  it("does not let a suppressed duplicate extend the window", () => {
    const b = sentD()
      .advance(3000, 4000)
      .queueSend(q, { group: "g", dedupId: "d", deduplicated: 0 })
      .advance(2000, 6000)
      .queueSend(q, { group: "g", dedupId: "d", deduplicated: 0 })
    expect(check.always(b.history, config)?.step).toBe(5)
  })

  it("is violated by a duplicate answered with another message's id, a suppressed send without a dedup id, and an id that is not fresh", () => {
    const wrongId = sentD().queueSend(q, { group: "g" }).queueSend(q, { group: "g", dedupId: "d", deduplicated: 1 })
    expect(check.always(wrongId.history, config)?.message).toBe(
      "queue orders.fifo answered a send with dedup id \"d\" at 1000 ms with message 1 (deduplicated), but the id was enqueued as message 0 at 1000 ms (step 2), less than its dedupWindowMs of 5000 ms before: it should have been suppressed as a duplicate of message 0"
    )
    const noDedupId = sentD().queueSend(q, { group: "g", deduplicated: 0 })
    expect(check.always(noDedupId.history, config)?.message).toBe(
      "queue orders.fifo answered a send at 1000 ms with message 0 (deduplicated), but the send has no dedup id"
    )
    const notFresh = new HistoryBuilder().queueSend("jobs").queueSend("emails", { messageId: 0 })
    expect(check.always(notFresh.history, config)).toEqual({
      step: 1,
      message: "queue emails answered a send at 0 ms with message 0, but message 0 was already enqueued at step 1: the id is not fresh"
    })
  })

  it("keeps dedup ids per queue", () => {
    const b = sentD().queueSend("orders-dlq.fifo", { group: "g", dedupId: "d" })
    expect(check.always(b.history, config)).toBeUndefined()
  })

  it("is violated by a listing that remembers an expired id, forgets one within the window, or misstates one", () => {
    const expired = sentD().advance(5000, 6000).queueListed(q, [], [{ dedupId: "d", messageId: 0, atMs: 1000 }])
    expect(check.always(expired.history, config)).toEqual({
      step: 3,
      message: "the listing of queue orders.fifo at 6000 ms is wrong: it remembers dedup id \"d\" (message 0, at 1000 ms), but the id was last enqueued as message 0 at 1000 ms (step 2), its dedupWindowMs of 5000 ms or more before: its window had expired"
    })
    const forgotten = sentD().advance(4999, 5999).queueListed(q, [], [])
    expect(check.always(forgotten.history, config)?.message).toBe(
      "the listing of queue orders.fifo at 5999 ms is wrong: it does not remember dedup id \"d\", enqueued as message 0 at 1000 ms (step 2), less than its dedupWindowMs of 5000 ms before"
    )
    const misstated = sentD().queueListed(q, [], [{ dedupId: "d", messageId: 0, atMs: 0 }])
    expect(check.always(misstated.history, config)?.message).toBe(
      "the listing of queue orders.fifo at 1000 ms is wrong: it remembers dedup id \"d\" (message 0, at 0 ms), but the id was last enqueued as message 0 at 1000 ms (step 2)"
    )
    const invented = new HistoryBuilder().queueListed("jobs", [], [{ dedupId: "x", messageId: 0, atMs: 0 }])
    expect(check.always(invented.history, config)?.message).toBe(
      "the listing of queue jobs at 0 ms is wrong: it remembers dedup id \"x\" (message 0, at 0 ms), but the queue is not FIFO"
    )
  })

  it("is n/a without a FIFO queue", () => {
    expect(notApplicableReasonOf(guaranteeById(check.id), check, config)).toBeUndefined()
    expect(notApplicableReasonOf(guaranteeById(check.id), check, configDefault)).toBe("needs a FIFO queue; the config has none")
  })
})
