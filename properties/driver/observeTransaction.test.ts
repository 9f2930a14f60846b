import { describe, expect, it } from "vitest"
import { init, step } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { configExactlyOnce as config } from "../suite/mutantSeeds.ts"
import type { Driver, MemberView } from "./driver.ts"
import { driverInit, highWatermarkOf } from "./driver.ts"
import { exactlyOnceProcessableOf, exactlyOnceStageOf, exactlyOnceStepsOf } from "./exactlyOnce.ts"
import { driverObserve } from "./observe.ts"
import { isZombieProducer } from "./producer.ts"

/** Runs commands on the model, the driver following; returns the driver and the answers. */
const play = (commands: ReadonlyArray<Command>) => {
  let state = init(config)
  let driver = driverInit(config)
  const answers: Array<Response> = []
  for (const command of commands) {
    const transition = step(state, command)
    state = transition.state
    driver = driverObserve(driver, command, transition.response)
    answers.push(transition.response)
  }
  return { driver, answers }
}

const billing = (driver: Driver) => driver.groups.find((g) => g.name === "billing")!
const memberOf = (driver: Driver, name: string): MemberView => billing(driver).members.find((m) => m.name === name)!
const producerOf = (driver: Driver, name: string) => driver.producers.get(name)!

const joinInitPoll: ReadonlyArray<Command> = [
  { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v0" },
  { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v1" },
  { _tag: "GroupJoin", group: "billing", member: "m0" },
  { _tag: "ProducerInit", producer: "billing/m0" },
  { _tag: "ConsumerPoll", group: "billing", member: "m0", recordsMax: 3 },
  { _tag: "TxnBegin", producer: "billing/m0" },
  { _tag: "ConsumerProcess", group: "billing", member: "m0", topic: "orders", partition: 0, offset: 0 }
]

describe("the exactly-once member in the driver", () => {
  it("follows a transaction: processed ranges, the producer's transaction start, the output's high watermark", () => {
    const { answers, driver } = play(joinInitPoll)
    expect(answers.map((a) => a._tag)).toEqual(["Sent", "Sent", "Joined", "ProducerInitialized", "Polled", "TxnBegun", "Processed"])
    const m0 = memberOf(driver, "m0")
    expect(m0.txnBegun).toBe(true)
    expect(m0.txnProcessed).toEqual([{ topic: "orders", partition: 0, start: 0, next: 1 }])
    expect(producerOf(driver, "billing/m0")).toMatchObject({ epoch: 0, inTransaction: true, transactionStartMs: 0 })
    const processed = answers[6]
    if (processed._tag !== "Processed" || processed.output === undefined) throw new Error("no output")
    expect(highWatermarkOf(driver, processed.output.topic, processed.output.partition)).toBe(processed.output.offset + 1)
    // Offsets not sent yet: the protocol offers to send them, never to commit.
    const steps = exactlyOnceStepsOf(driver, billing(driver), m0, 3).map((c) => c._tag)
    expect(steps).toContain("TxnSendOffsets")
    expect(steps).not.toContain("TxnCommit")
  })

  it("after an abort, seeks back where the transaction began before processing that partition again", () => {
    const aborted = play([...joinInitPoll, { _tag: "TxnAbort", producer: "billing/m0" }])
    const m0 = memberOf(aborted.driver, "m0")
    expect(m0.rewinds).toEqual([{ topic: "orders", partition: 0, offset: 0 }])
    expect(m0.txnProcessed).toEqual([])
    expect(exactlyOnceStageOf(aborted.driver, billing(aborted.driver), m0)).toEqual({ _tag: "Rewind", to: { topic: "orders", partition: 0, offset: 0 } })
    expect(exactlyOnceProcessableOf(m0).map((d) => `${d.topic}/${d.partition}@${d.offset}`)).toEqual(["orders/1@0"])
    const seeked = play([
      ...joinInitPoll,
      { _tag: "TxnAbort", producer: "billing/m0" },
      { _tag: "ConsumerSeek", group: "billing", member: "m0", topic: "orders", partition: 0, offset: 0 },
      { _tag: "ConsumerPoll", group: "billing", member: "m0", recordsMax: 3 }
    ])
    const after = memberOf(seeked.driver, "m0")
    expect(after.rewinds).toEqual([])
    expect(exactlyOnceProcessableOf(after).map((d) => `${d.topic}/${d.partition}@${d.offset}`)).toEqual(["orders/1@0", "orders/0@0"])
  })

  it("marks a second copy of a processed record stale, so it is never processed twice", () => {
    const { driver } = play([
      { _tag: "ProducerSend", producer: "p0", topic: "payments", value: "v0" },
      { _tag: "GroupJoin", group: "billing", member: "m0" },
      { _tag: "ProducerInit", producer: "billing/m0" },
      { _tag: "ConsumerPoll", group: "billing", member: "m0", recordsMax: 3 },
      { _tag: "ConsumerSeek", group: "billing", member: "m0", topic: "payments", partition: 0, offset: 0 },
      { _tag: "ConsumerPoll", group: "billing", member: "m0", recordsMax: 3 },
      { _tag: "TxnBegin", producer: "billing/m0" },
      { _tag: "ConsumerProcess", group: "billing", member: "m0", topic: "payments", partition: 0, offset: 0 }
    ])
    const m0 = memberOf(driver, "m0")
    expect(m0.buffer.map((d) => [d.offset, d.stale === true])).toEqual([[0, true]])
    expect(exactlyOnceProcessableOf(m0)).toEqual([])
  })

  it("dooms a transaction whose member synced to a new generation, and aborts it", () => {
    const { driver } = play([
      ...joinInitPoll,
      { _tag: "GroupJoin", group: "billing", member: "m1" },
      { _tag: "ConsumerHeartbeat", group: "billing", member: "m0" }
    ])
    const m0 = memberOf(driver, "m0")
    expect(m0.txnDoomed).toBe(true)
    expect(exactlyOnceStepsOf(driver, billing(driver), m0, 3).map((c) => c._tag)).toEqual(["TxnAbort", "TxnAbort", "ConsumerPoll"])
  })

  it("aborts an orphaned transaction a member left open before it rejoined", () => {
    const { driver } = play([
      ...joinInitPoll,
      { _tag: "GroupLeave", group: "billing", member: "m0" },
      { _tag: "GroupJoin", group: "billing", member: "m0" }
    ])
    const m0 = memberOf(driver, "m0")
    expect(m0.txnBegun).toBe(false)
    expect(producerOf(driver, "billing/m0").inTransaction).toBe(true)
    expect(exactlyOnceStepsOf(driver, billing(driver), m0, 3).map((c) => c._tag)).toEqual(["TxnAbort", "TxnAbort", "ConsumerPoll"])
  })

  it("learns from a timeout abort that the producer's transaction is gone, and from its next call that it is fenced", () => {
    const timedOut = play([...joinInitPoll, { _tag: "ClockAdvance", ms: config.transactionTimeoutMs! }])
    expect(producerOf(timedOut.driver, "billing/m0")).toMatchObject({ inTransaction: true, transactionStartMs: undefined })
    expect(timedOut.driver.epochs.get("billing/m0")).toBe(1)
    const fenced = play([
      ...joinInitPoll,
      { _tag: "ClockAdvance", ms: config.transactionTimeoutMs! },
      { _tag: "TxnCommit", producer: "billing/m0" }
    ])
    expect(fenced.answers.at(-1)?._tag).toBe("ProducerFenced")
    const m0 = memberOf(fenced.driver, "m0")
    expect(producerOf(fenced.driver, "billing/m0")).toMatchObject({ fenced: true, inTransaction: false })
    expect(m0.rewinds).toEqual([{ topic: "orders", partition: 0, offset: 0 }])
    expect(exactlyOnceStepsOf(fenced.driver, billing(fenced.driver), m0, 3)[0]._tag).toBe("ConsumerSeek")
  })
})

describe("producer clients in the driver", () => {
  it("knows a sibling sharing a transactional id is a zombie once the other instance initialized", () => {
    const { driver } = play([
      { _tag: "ProducerInit", producer: "ledger-a" },
      { _tag: "TxnBegin", producer: "ledger-a" },
      { _tag: "ProducerSend", producer: "ledger-a", topic: "orders", value: "v0" },
      { _tag: "ProducerInit", producer: "ledger-b" }
    ])
    expect(isZombieProducer(driver.epochs, producerOf(driver, "ledger-a"))).toBe(true)
    expect(isZombieProducer(driver.epochs, producerOf(driver, "ledger-b"))).toBe(false)
    expect(producerOf(driver, "ledger-a").transactionStartMs).toBeUndefined()
    // The abort marker took an offset.
    expect(highWatermarkOf(driver, "orders", 0)).toBe(2)
  })

  it("keeps a lost acknowledgement pending until the retry, and counts a plain retry's second copy", () => {
    const { answers, driver } = play([
      { _tag: "ProducerSend", producer: "legacy", topic: "payments", value: "v0", ackLost: true },
      { _tag: "ProducerRetry", producer: "legacy", ackLost: true }
    ])
    expect(answers.map((a) => a._tag)).toEqual(["SendTimedOut", "SendTimedOut"])
    expect(producerOf(driver, "legacy").pending).toEqual({ topic: "payments", partition: 0 })
    expect(highWatermarkOf(driver, "payments", 0)).toBe(2)
    const idempotent = play([
      { _tag: "ProducerSend", producer: "checkout", topic: "payments", value: "v0", ackLost: true },
      { _tag: "ProducerRetry", producer: "checkout", ackLost: true },
      { _tag: "ProducerRetry", producer: "checkout" }
    ])
    expect(idempotent.answers.at(-1)).toEqual({ _tag: "Sent", topic: "payments", partition: 0, offset: 0 })
    expect(producerOf(idempotent.driver, "checkout").pending).toBeUndefined()
    expect(highWatermarkOf(idempotent.driver, "payments", 0)).toBe(1)
  })
})
