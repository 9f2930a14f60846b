import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { configDefault } from "../../spec/config.ts"
import { choicesArbitrary } from "../choice.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { undrainedQueuesOf } from "../guarantees/internal/queuesDrained.ts"
import { configQueueAndStream } from "../suite/mutantSeeds.ts"
import { decodeContextOf } from "./context.ts"
import { driverAfter } from "./internal/driverAfter.ts"
import { queueActions, queueClock, queueContextOf } from "./queue.ts"

const config = configQueueAndStream
const samples = fc.sample(choicesArbitrary(config), { seed: 41, numRuns: 150 })

describe("the queue actions", () => {
  it("are all disabled on a config without queues, so it decodes as before", () => {
    for (const choices of fc.sample(choicesArbitrary(configDefault), { seed: 3, numRuns: 30 })) {
      simulateChoices(configDefault, choices, ({ driver }) => {
        const context = decodeContextOf(driver, configDefault)
        for (const action of queueActions) expect(action.enabled(context), action.name).toBe(false)
      })
    }
  })

  it("produce every queue command and the answers that matter, across generated runs (before the drain)", () => {
    const commands = new Set<string>()
    const answers = new Set<string>()
    let staleAcks = 0
    let deadLettered = 0
    let deduplicated = 0
    let redelivered = 0
    for (const choices of samples) {
      simulateChoices(config, choices, ({ command, inDrain, response }) => {
        if (inDrain) return
        commands.add(command._tag)
        answers.add(response._tag)
        if (response._tag === "Acknowledged" && !response.deleted) staleAcks++
        if (response._tag === "Enqueued" && response.deduplicated === true) deduplicated++
        if (response._tag === "Released" && response.deadLettered) deadLettered++
        if (response._tag === "ClockAdvanced") deadLettered += response.deadLettered?.length ?? 0
        if (response._tag === "Received") redelivered += response.messages.filter((message) => message.receiveCount > 1).length
      })
    }
    for (const tag of ["QueueSend", "QueueReceive", "QueueProcess", "QueueAck", "QueueRelease", "QueueExtend", "QueueCrash", "QueueRedrive"]) {
      expect(commands, tag).toContain(tag)
    }
    for (const tag of ["Enqueued", "Received", "QueueProcessed", "Acknowledged", "Released", "Extended", "QueueCrashed", "Redriven"]) {
      expect(answers, tag).toContain(tag)
    }
    expect(staleAcks).toBeGreaterThan(5)
    expect(deadLettered).toBeGreaterThan(5)
    expect(deduplicated).toBeGreaterThan(5)
    expect(redelivered).toBeGreaterThan(20)
  })

  it("follow each queue's protocol: at-least-once acknowledges only what it processed, at-most-once processes only what its acknowledgement deleted", () => {
    for (const choices of samples.slice(0, 60)) {
      const processed = new Set<number>()
      const deletedBy = new Set<number>()
      simulateChoices(config, choices, ({ command, response }) => {
        if (command._tag === "QueueAck" && config.queues?.find((q) => q.name === command.queue)?.mode === "at-least-once") {
          expect(processed.has(command.receipt), `ack of unprocessed receipt ${command.receipt}`).toBe(true)
        }
        if (command._tag === "QueueProcess" && config.queues?.find((q) => q.name === command.queue)?.mode === "at-most-once") {
          expect(deletedBy.has(command.receipt), `processing of receipt ${command.receipt} before its acknowledgement deleted`).toBe(true)
        }
        if (response._tag === "QueueProcessed") processed.add(response.receipt)
        if (response._tag === "Acknowledged" && response.deleted) deletedBy.add(response.receipt)
      })
    }
  })

  it("end with a drain that empties every source queue and lists every queue after its last change", () => {
    for (const choices of samples) {
      const history: Array<{ command: Command; response: Response }> = []
      simulateChoices(config, choices, ({ command, response }) => history.push({ command, response }))
      expect([...undrainedQueuesOf(history, config, config.queues ?? [])]).toEqual([])
    }
  })

  it("aim the clock at a message's visibility end: 1 ms before, at and 1 ms after", () => {
    const driver = driverAfter(config, [
      { _tag: "QueueSend", sender: "p0", queue: "jobs", value: "v0" },
      { _tag: "ClockAdvance", ms: 1000 },
      { _tag: "QueueReceive", queue: "jobs", consumer: "c0", messagesMax: 1 },
      { _tag: "ClockAdvance", ms: 500 }
    ])
    const context = decodeContextOf(driver, config)
    expect(queueContextOf(context).aimedMs).toEqual([29_499, 29_500, 29_501])
    expect([0, 1, 2].map((a) => queueClock.make(context, { action: 0, a, b: 0, c: 0 }))).toEqual([
      { _tag: "ClockAdvance", ms: 29_499 },
      { _tag: "ClockAdvance", ms: 29_500 },
      { _tag: "ClockAdvance", ms: 29_501 }
    ])
  })

  it("aim the clock at a dedup id's window end on a FIFO queue", () => {
    const driver = driverAfter(config, [
      { _tag: "QueueSend", sender: "p0", queue: "orders.fifo", value: "v0", group: "g0", dedupId: "d0" },
      { _tag: "ClockAdvance", ms: 1000 }
    ])
    expect(queueContextOf(decodeContextOf(driver, config)).aimedMs).toEqual([298_999, 299_000, 299_001])
  })
})
