import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { choicesArbitrary } from "../choice.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { configDeadLetterTriage as config } from "../suite/mutantSeeds.ts"
import { decodeContextOf } from "./context.ts"
import { driverAfter } from "./internal/driverAfter.ts"
import { queueContextOf, queueInspect } from "./queue.ts"

const deadLetterQueues = new Set((config.queues ?? []).flatMap((queue) => (queue.deadLetterQueue === undefined ? [] : [queue.deadLetterQueue])))
const samples = fc.sample(choicesArbitrary(config), { seed: 43, numRuns: 150 })

describe("the inspection protocol of an inspected dead-letter queue", () => {
  it("receives, releases and extends there, never processes or acknowledges, and lets go of every receipt by the drain's end", () => {
    let inspected = 0
    let released = 0
    let extended = 0
    let lateReleases = 0
    let redrivenAfterRelease = 0
    for (const choices of samples) {
      const releasedIds = new Set<number>()
      let last: ReturnType<typeof driverAfter> | undefined
      simulateChoices(config, choices, ({ command, response, driver }) => {
        last = driver
        if (command._tag === "QueueProcess" || command._tag === "QueueAck") expect(deadLetterQueues.has(command.queue), `${command._tag} on ${command.queue}`).toBe(false)
        if (response._tag === "Received" && deadLetterQueues.has(response.queue)) inspected += response.messages.length
        if (response._tag === "Released" && deadLetterQueues.has(response.queue)) {
          released += 1
          releasedIds.add(response.messageId)
        }
        if (response._tag === "Extended" && deadLetterQueues.has(response.queue)) extended += 1
        // An inspector whose receipt's visibility ended learns it from the answer and lets go of the receipt.
        if (response._tag === "NotInFlight" && deadLetterQueues.has(response.queue)) lateReleases += 1
        if (response._tag === "Redriven") redrivenAfterRelease += response.messages.filter((message) => releasedIds.has(message.messageId)).length
      })
      for (const queue of last?.queues ?? []) {
        if (!queue.inspected) continue
        for (const consumer of queue.consumers) expect(consumer.held, `${queue.name} ${consumer.name}`).toEqual([])
      }
    }
    expect(inspected).toBeGreaterThan(50)
    expect(released).toBeGreaterThan(20)
    expect(extended).toBeGreaterThan(3)
    expect(lateReleases).toBeGreaterThan(3)
    // The case RedriveReturnsDeadLetters's "released" clause is about: a message looked at, let go, and then redriven.
    expect(redrivenAfterRelease).toBeGreaterThan(5)
  })

  it("releases what an inspector holds with an even b, and otherwise receives; only while the dead-letter queue holds messages", () => {
    const moved = driverAfter(config, [
      { _tag: "QueueSend", sender: "p0", queue: "orders.fifo", value: "v0", group: "g0" },
      { _tag: "QueueReceive", queue: "orders.fifo", consumer: "c0", messagesMax: 1 },
      { _tag: "ClockAdvance", ms: 20_000 }
    ])
    const context = decodeContextOf(moved, config)
    expect(queueContextOf(context).inspecting.map((slot) => `${slot.queue.name}/${slot.consumer.name}`)).toEqual(["orders-dlq.fifo/c0", "orders-dlq.fifo/c1"])
    expect(queueInspect.make(context, { action: 0, a: 1, b: 0, c: 1 })).toEqual({ _tag: "QueueReceive", queue: "orders-dlq.fifo", consumer: "c1", messagesMax: 2 })
    const looking = driverAfter(config, [
      { _tag: "QueueSend", sender: "p0", queue: "orders.fifo", value: "v0", group: "g0" },
      { _tag: "QueueReceive", queue: "orders.fifo", consumer: "c0", messagesMax: 1 },
      { _tag: "ClockAdvance", ms: 20_000 },
      { _tag: "QueueReceive", queue: "orders-dlq.fifo", consumer: "c1", messagesMax: 1 }
    ])
    const held = decodeContextOf(looking, config)
    expect(queueInspect.make(held, { action: 0, a: 0, b: 0, c: 0 })).toEqual({ _tag: "QueueRelease", queue: "orders-dlq.fifo", consumer: "c1", receipt: 1 })
    expect(queueInspect.make(held, { action: 0, a: 0, b: 1, c: 0 })).toEqual({ _tag: "QueueReceive", queue: "orders-dlq.fifo", consumer: "c0", messagesMax: 1 })
    expect(queueInspect.enabled(decodeContextOf(driverAfter(config, []), config))).toBe(false)
  })
})
