import { describe, expect, it } from "vitest"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { queueAndStreamFactsOf, queueHalvesOf, queueRuns } from "./queueMeasured.ts"
import { queueSection } from "./queueSection.ts"
import { staleReceiptStory, triageStory } from "./queueStories.ts"
import { docsSeed } from "./semantics.ts"

describe("the queue-and-stream facts", () => {
  const rows = queueAndStreamFactsOf(docsSeed)
  const row = (channel: string) => rows.find((facts) => facts.channel === channel)!

  it("have the stream's group first, then each queue that is no dead-letter queue", () => {
    expect(rows.map((facts) => [facts.channel, facts.kind, facts.mode])).toEqual([
      ["`events` read by group `audit`", "stream", "at-least-once"],
      ["`jobs`", "queue", "at-least-once"],
      ["`emails`", "queue", "at-most-once"],
      ["`orders.fifo`", "FIFO queue", "at-least-once"]
    ])
    for (const facts of rows) expect(facts.runs).toBe(queueRuns)
  })

  it("show at-least-once losing nothing and duplicating, at-most-once losing and never processing twice, nothing violated", () => {
    for (const channel of ["`events` read by group `audit`", "`jobs`", "`orders.fifo`"]) {
      expect(row(channel).lost.runs, channel).toBe(0)
      expect(row(channel).processedTwice.runs, channel).toBeGreaterThan(0)
    }
    expect(row("`emails`").lost.runs).toBeGreaterThan(0)
    expect(row("`emails`").processedTwice.runs).toBe(0)
    for (const facts of rows) {
      expect(facts.redelivered.runs, facts.channel).toBeGreaterThan(0)
      expect(facts.violated, facts.channel).toEqual([])
    }
  })

  it("show the queues with a redrive policy dead-lettering, and list the claims that cover each channel", () => {
    expect(row("`events` read by group `audit`").deadLettered).toBeUndefined()
    // `jobs` dead-letters after 3 receives, rare in runs whose consumers finish what they hold; the column is a count all the same.
    expect(row("`jobs`").deadLettered).toBeDefined()
    expect(row("`orders.fifo`").deadLettered!.runs).toBeGreaterThan(0)
    expect(row("`emails`").deadLettered!.runs).toBe(0)
    expect(row("`events` read by group `audit`").held).toContain("NoLossUnderAtLeastOnce")
    expect(row("`emails`").held).toEqual(["VisibilityTimeoutRedelivers", "StaleReceiptsDoNotDelete"])
    expect(row("`orders.fifo`").held).toHaveLength(7)
  })
})

describe("queueHalvesOf", () => {
  it("gives each source queue alone with its dead-letter queue", () => {
    const halves = queueHalvesOf(exampleConfig("queue-and-stream"))
    expect(halves.map((half) => [half.topics.length, half.groups.length, (half.queues ?? []).map((queue) => queue.name)])).toEqual([
      [0, 0, ["jobs", "jobs-dlq"]],
      [0, 0, ["emails"]],
      [0, 0, ["orders.fifo", "orders-dlq.fifo"]]
    ])
  })
})

describe("the stale-receipt story", () => {
  it("answers the old receipt's delete with deleted: false and keeps the message until the latest receipt deletes it", () => {
    const story = staleReceiptStory()
    expect(story.responses[5]).toMatchObject({ _tag: "Acknowledged", consumer: "a", receipt: 0, deleted: false })
    expect(story.responses[6]).toMatchObject({ _tag: "QueueListed", messages: [{ messageId: 0, receipt: 1 }] })
    expect(story.responses[8]).toMatchObject({ _tag: "Acknowledged", consumer: "b", receipt: 1, deleted: true })
    expect(story.responses[9]).toMatchObject({ _tag: "QueueListed", messages: [] })
  })
})

describe("the triage story", () => {
  it("moves the job to the dead-letter queue, counts the operator's receive there, and the redrive brings it back counting from 1", () => {
    const story = triageStory()
    expect(story.responses[4]).toMatchObject({ _tag: "ClockAdvanced", deadLettered: [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }] })
    expect(story.responses[5]).toMatchObject({ _tag: "Received", queue: "jobs-dlq", messages: [{ messageId: 0, receiveCount: 3 }] })
    expect(story.responses[6]).toMatchObject({ _tag: "Released", deadLettered: false })
    expect(story.responses[7]).toEqual({ _tag: "Redriven", queue: "jobs-dlq", messages: [{ messageId: 0, source: "jobs" }] })
    expect(story.responses[8]).toMatchObject({ _tag: "Received", queue: "jobs", messages: [{ messageId: 0, receiveCount: 1 }] })
    expect(story.responses[10]).toMatchObject({ _tag: "Acknowledged", deleted: true })
    expect(story.responses[11]).toMatchObject({ _tag: "QueueListed", messages: [] })
  })
})

describe("queueSection", () => {
  it("is the same text for the same seed, with the domain text's passage, both tables and the stale receipt", () => {
    const text = queueSection(docsSeed).join("\n")
    expect(queueSection(docsSeed).join("\n")).toBe(text)
    expect(text.split("\n")[0]).toBe("## Queue vs stream")
    expect(text).toContain("> \"Queue\" usually means messages are delivered once and removed (SQS, RabbitMQ).")
    expect(text).toContain("| what the broker keeps |")
    expect(text).toMatch(/^\| `emails` \| queue, at-most-once \| receive, acknowledge, process \| \d+ of 150 \(\d+\) \| 0 of 150 \(0\) \|/m)
    expect(text).toContain("the model answers `Acknowledged` with `deleted: false`\n(step 6)")
    expect(text).toContain("```mermaid\nsequenceDiagram")
    expect(text).toContain("(step 6, receive count\n3: every receive counts")
    expect(text).toContain("where its next receive counts from 1 (step 9), and the dead-letter queue is left with\n0 messages.")
  })
})
