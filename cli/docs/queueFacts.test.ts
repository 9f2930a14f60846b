import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import { init, run } from "../../model/index.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { queueFactsOf } from "./queueFacts.ts"
import { staleReceiptStory } from "./queueStories.ts"

const config = exampleConfig("queue-and-stream")

const historyOf = (commands: ReadonlyArray<Command>) => {
  const responses = run(init(config), commands).responses
  return commands.map((command, i) => ({ command, response: responses[i]! }))
}

describe("queueFactsOf", () => {
  it("reads the stale-receipt story: one message received twice and processed twice, none lost", () => {
    const story = staleReceiptStory()
    const history = story.commands.map((command, i) => ({ command, response: story.responses[i]! }))
    expect(queueFactsOf(history, config, "jobs")).toEqual({ lost: [], held: [], processedTwice: [0], redelivered: [0], deadLettered: [] })
  })

  it("counts a message acknowledged and never processed as lost, and one in the dead-letter queue's last listing as not lost", () => {
    const receiveAndLeave = (consumer: string): ReadonlyArray<Command> => [
      { _tag: "QueueReceive", queue: "jobs", consumer, messagesMax: 1 },
      { _tag: "QueueCrash", queue: "jobs", consumer },
      { _tag: "ClockAdvance", ms: 30_000 }
    ]
    const history = historyOf([
      { _tag: "QueueSend", sender: "s", queue: "emails", value: "welcome" },
      { _tag: "QueueReceive", queue: "emails", consumer: "a", messagesMax: 1 },
      { _tag: "QueueAck", queue: "emails", consumer: "a", receipt: 0 },
      { _tag: "QueueCrash", queue: "emails", consumer: "a" },
      { _tag: "QueueSend", sender: "s", queue: "jobs", value: "poison" },
      ...receiveAndLeave("a"),
      ...receiveAndLeave("b"),
      ...receiveAndLeave("c"),
      { _tag: "ObserverQueue", queue: "jobs-dlq" }
    ])
    expect(queueFactsOf(history, config, "emails")).toEqual({ lost: [0], held: [], processedTwice: [], redelivered: [], deadLettered: [] })
    expect(queueFactsOf(history, config, "jobs")).toEqual({ lost: [], held: [], processedTwice: [], redelivered: [1], deadLettered: [1] })
  })

  it("does not count a send a FIFO queue deduplicated as a message of its own, nor a message a running consumer holds as lost", () => {
    const send: Command = { _tag: "QueueSend", sender: "s", queue: "orders.fifo", value: "o1", group: "g", dedupId: "d" }
    const history = historyOf([send, send, { _tag: "QueueReceive", queue: "orders.fifo", consumer: "a", messagesMax: 10 }])
    expect(history[1].response).toMatchObject({ _tag: "Enqueued", messageId: 0, deduplicated: true })
    expect(queueFactsOf(history, config, "orders.fifo")).toMatchObject({ lost: [], held: [0], redelivered: [] })
    const crashed = historyOf([send, send, { _tag: "QueueReceive", queue: "orders.fifo", consumer: "a", messagesMax: 10 }, { _tag: "QueueCrash", queue: "orders.fifo", consumer: "a" }])
    expect(queueFactsOf(crashed, config, "orders.fifo")).toMatchObject({ lost: [0], held: [] })
  })
})
