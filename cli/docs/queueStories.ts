/**
 * Small queue stories for the "Queue vs stream" section of
 * `docs/semantics.md`, each a fixed list of commands played on the model of
 * a shipped config: a slow consumer whose receipt went stale while another
 * consumer got the message again (`examples/configs/queue-and-stream.json`),
 * and a dead-lettered job triaged and redriven
 * (`examples/configs/dead-letter-triage.json`). The answers (and so every
 * outcome the docs state) are the model's.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import { init, run } from "../../model/index.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import type { Story } from "./effectStories.ts"

/** The shipped config the queue stories and measurements run on. */
export const queueAndStreamConfigName = "queue-and-stream"

const jobs = { queue: "jobs" } as const

/**
 * The stale receipt: consumer `a` receives a job and is slow; the visibility
 * timeout (30 s on `jobs`) runs out and consumer `b` receives it again with
 * a new receipt. `a` finishes and deletes with its old receipt: the answer
 * says nothing was deleted, and the message stays for `b`, whose delete
 * with the latest receipt removes it.
 */
export const staleReceiptStory = (): Story => {
  const config = exampleConfig(queueAndStreamConfigName)
  const commands: ReadonlyArray<Command> = [
    { _tag: "QueueSend", sender: "shop", ...jobs, value: "resize photo-7" },
    { _tag: "QueueReceive", ...jobs, consumer: "a", messagesMax: 1 },
    { _tag: "ClockAdvance", ms: 30_000 },
    { _tag: "QueueReceive", ...jobs, consumer: "b", messagesMax: 1 },
    { _tag: "QueueProcess", ...jobs, consumer: "a", receipt: 0 },
    { _tag: "QueueAck", ...jobs, consumer: "a", receipt: 0 },
    { _tag: "ObserverQueue", ...jobs },
    { _tag: "QueueProcess", ...jobs, consumer: "b", receipt: 1 },
    { _tag: "QueueAck", ...jobs, consumer: "b", receipt: 1 },
    { _tag: "ObserverQueue", ...jobs }
  ]
  return { title: "stale receipt", config, commands, responses: run(init(config), commands).responses }
}

/** The shipped config of the triage story. */
export const deadLetterTriageConfigName = "dead-letter-triage"

/**
 * Triage, then redrive: a job on `jobs` (2 receives at most, a 20 s
 * visibility timeout) is received twice and never finished, so it moves to
 * `jobs-dlq` when its second visibility ends. An operator receives it there,
 * looks, and releases it; the bug fixed, the operator redrives `jobs-dlq`,
 * and the job is back on `jobs`, received with a count that starts over,
 * and finished.
 */
export const triageStory = (): Story => {
  const config = exampleConfig(deadLetterTriageConfigName)
  const dlq = { queue: "jobs-dlq" } as const
  const commands: ReadonlyArray<Command> = [
    { _tag: "QueueSend", sender: "shop", ...jobs, value: "charge order-12" },
    { _tag: "QueueReceive", ...jobs, consumer: "a", messagesMax: 1 },
    { _tag: "ClockAdvance", ms: 20_000 },
    { _tag: "QueueReceive", ...jobs, consumer: "b", messagesMax: 1 },
    { _tag: "ClockAdvance", ms: 20_000 },
    { _tag: "QueueReceive", ...dlq, consumer: "operator", messagesMax: 1 },
    { _tag: "QueueRelease", ...dlq, consumer: "operator", receipt: 2 },
    { _tag: "QueueRedrive", ...dlq },
    { _tag: "QueueReceive", ...jobs, consumer: "a", messagesMax: 1 },
    { _tag: "QueueProcess", ...jobs, consumer: "a", receipt: 3 },
    { _tag: "QueueAck", ...jobs, consumer: "a", receipt: 3 },
    { _tag: "ObserverQueue", ...dlq }
  ]
  return { title: "triage, then redrive", config, commands, responses: run(init(config), commands).responses }
}
