import { describe, expect, it } from "vitest"
import { idempotentSendsWriteOnce as check } from "./idempotentSendsWriteOnce.ts"
import { configTxn } from "./internal/configTxn.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"

const ip = (offset: number, sequence: number, value = "a") => dataEntry(offset, { producer: "ip", value, id: [0, 0, sequence] })

describe("IdempotentSendsWriteOnce", () => {
  it("holds, and the witness fires, when a retry after a lost acknowledgement is answered with the original offset", () => {
    const history = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "ip", value: "a" })
      .retry("ip", "orders/0@0", { value: "a" })
      .send("orders/1@0", { producer: "ip", value: "b" })
      .dump("orders/0", [ip(0, 0)])
      .dump("orders/1", [ip(0, 0, "b")]).history
    expect(check.always(history, configTxn)).toBeUndefined()
    expect(check.sometimes(history, configTxn)).toBe(true)
  })

  it("holds without a witness when no acknowledgement was lost, or no dump shows the log", () => {
    const plain = new HistoryBuilder().send("orders/0@0", { producer: "ip", value: "a" }).dump("orders/0", [ip(0, 0)]).history
    expect(check.always(plain, configTxn)).toBeUndefined()
    expect(check.sometimes(plain, configTxn)).toBe(false)
    const undumped = new HistoryBuilder().sendTimedOut("orders/0", { producer: "ip", value: "a" }).retry("ip", "orders/0@0", { value: "a" }).history
    expect(check.always(undumped, configTxn)).toBeUndefined()
    expect(check.sometimes(undumped, configTxn)).toBe(false)
  })

  it("is violated by the dedup-ignores-sequence story: the retry appended a second copy of the same sequence", () => {
    const history = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "ip", value: "a" })
      .retry("ip", "orders/0@1", { value: "a" })
      .dump("orders/0", [ip(0, 0), ip(1, 0)]).history
    expect(check.always(history, configTxn)).toEqual({
      step: 1,
      message:
        "idempotent producer ip's retry of its send of step 1 (value \"a\") was answered Sent orders/0@1, but the log holds a second copy of the send (its first copy is orders/0@0) there"
    })
    expect(check.sometimes(history, configTxn)).toBe(false)
    const answeredRight = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "ip", value: "a" })
      .retry("ip", "orders/0@0", { value: "a" })
      .dump("orders/0", [ip(0, 0), ip(1, 0)]).history
    expect(check.always(answeredRight, configTxn)).toEqual({
      step: 2,
      message: "orders/0@1 is a second copy of orders/0@0: both carry producer id 0, epoch 0, sequence 0 of producer ip"
    })
  })

  it("is violated by a retry appended again under a new sequence, whatever ids the dump shows", () => {
    const newOffset = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "ip", value: "a" })
      .retry("ip", "orders/0@1", { value: "a" })
      .dump("orders/0", [ip(0, 0), ip(1, 1)]).history
    expect(check.always(newOffset, configTxn)).toEqual({
      step: 1,
      message:
        "idempotent producer ip's retry of its send of step 1 (value \"a\") was answered Sent orders/0@1, but the log holds a second copy of the send (its first copy is orders/0@0) there"
    })
    expect(check.sometimes(newOffset, configTxn)).toBe(false)
    const oldOffset = new HistoryBuilder()
      .sendTimedOut("orders/0", { producer: "ip", value: "a" })
      .retry("ip", "orders/0@0", { value: "a" })
      .dump("orders/0", [ip(0, 0), ip(1, 1)]).history
    expect(check.always(oldOffset, configTxn)).toEqual({
      step: 2,
      message: "orders/0@1 is copy 2 of idempotent producer ip's send with no key and value \"a\" (first copy orders/0@0), which it retried at step 2"
    })
    expect(check.sometimes(oldOffset, configTxn)).toBe(false)
  })

  it("counts copies against distinct sends: two sends with the same content may leave two copies", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0", { producer: "ip", value: "a" })
      .sendTimedOut("orders/0", { producer: "ip", value: "a" })
      .retry("ip", "orders/0@1", { value: "a" })
      .dump("orders/0", [ip(0, 0), ip(1, 1)]).history
    expect(check.always(history, configTxn)).toBeUndefined()
    expect(check.sometimes(history, configTxn)).toBe(false)
  })

  it("is violated by a retry answered with an offset that holds another record", () => {
    const history = new HistoryBuilder()
      .send("orders/0@0", { producer: "p", value: "other" })
      .sendTimedOut("orders/0", { producer: "ip", value: "a" })
      .retry("ip", "orders/0@0", { value: "a" })
      .dump("orders/0", [dataEntry(0, { value: "other" }), ip(1, 0)]).history
    expect(check.always(history, configTxn)).toEqual({
      step: 2,
      message: 'idempotent producer ip\'s retry of its send of step 2 (value "a") was answered Sent orders/0@0, but the log holds p\'s record with no key and value "other" there'
    })
  })

  it("is n/a without a configured idempotent producer", () => {
    expect(check.notApplicableReason?.(configTxn)).toBeUndefined()
    expect(check.notApplicableReason?.({ ...configTxn, producers: [{ name: "lp", idempotent: false }] })).toBe(
      "needs a configured idempotent producer (only configured producers lose acknowledgements and retry); the config has none"
    )
  })
})
