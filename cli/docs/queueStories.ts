/**
 * Small queue stories for the "Queue vs stream" section of
 * `docs/semantics.md`, each a fixed list of commands played on the model of
 * the shipped `examples/configs/queue-and-stream.json`: a slow consumer whose
 * receipt went stale while another consumer got the message again. The
 * answers (and so every outcome the docs state) are the model's.
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
