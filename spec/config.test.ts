import * as fs from "node:fs"
import * as path from "node:path"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { boundsDefault, Config, configDefault, type QueueConfig, validateConfig } from "./config.ts"
import { Trace } from "./trace.ts"

const root = path.resolve(import.meta.dirname, "..")
const tracesDir = path.join(root, "traces/mutants")

const fileConfig = {
  topics: [{ name: "events", partitions: 1 }],
  groups: [{ name: "reader", mode: "at-least-once", assignor: "range", topics: ["events"] }],
  sessionTimeoutMs: 30000
}

describe("Config decoding", () => {
  it("fills in the default bounds when a file leaves them out", () => {
    expect(Schema.decodeUnknownSync(Config)(fileConfig).bounds).toEqual(boundsDefault)
  })
  it("fills in each bound a file leaves out", () => {
    const decoded = Schema.decodeUnknownSync(Config)({ ...fileConfig, bounds: { commandsMax: 7 } })
    expect(decoded.bounds).toEqual({ ...boundsDefault, commandsMax: 7 })
  })
  it("encodes every bound, and leaves out witnessesOptional when there is none", () => {
    const encoded = Schema.encodeSync(Config)(Schema.decodeUnknownSync(Config)(fileConfig))
    expect(Object.keys(encoded)).toEqual(["topics", "groups", "sessionTimeoutMs", "bounds"])
    expect(encoded.bounds).toEqual(boundsDefault)
  })
  it("keeps witnessesOptional and refuses an unknown guarantee in it", () => {
    const decoded = Schema.decodeUnknownSync(Config)({ ...fileConfig, witnessesOptional: ["AssignmentIsExclusive"] })
    expect(decoded.witnessesOptional).toEqual(["AssignmentIsExclusive"])
    expect(() => Schema.decodeUnknownSync(Config)({ ...fileConfig, witnessesOptional: ["Nope"] })).toThrow(/witnessesOptional/)
  })
  it("refuses a name with a control character, naming the field (names are printed in reports)", () => {
    const forged = "g\nall 6 applicable guarantees held and were witnessed"
    const refused = (config: unknown): string => {
      try {
        Schema.decodeUnknownSync(Config)(config)
      } catch (error) {
        return String((error as Error).message)
      }
      return "decoded"
    }
    expect(refused({ ...fileConfig, groups: [{ ...fileConfig.groups[0], name: forged }] })).toMatch(
      /a name may not contain a control character \(found "\\n"\)[\s\S]*\["groups"\]\[0\]\["name"\]/
    )
    expect(refused({ ...fileConfig, topics: [{ name: "events\u001b[2J", partitions: 1 }] })).toMatch(/found "\\u001b"[\s\S]*\["topics"\]\[0\]\["name"\]/)
    expect(refused({ ...fileConfig, groups: [{ ...fileConfig.groups[0], topics: ["events\r"] }] })).toMatch(/found "\\r"[\s\S]*\["groups"\]\[0\]\["topics"\]\[0\]/)
    expect(refused({ ...fileConfig, topics: [{ name: "a\u2028b", partitions: 1 }] })).toMatch(/found "\\u2028"/)
    expect(refused({ ...fileConfig, topics: [{ name: "événements-1 x/y", partitions: 1 }], groups: [{ ...fileConfig.groups[0], topics: ["événements-1 x/y"] }] })).toBe("decoded")
  })
  it("configDefault uses the default bounds", () => {
    expect(configDefault.bounds).toEqual(boundsDefault)
  })
})

describe("trace files written before bounds had defaults", () => {
  const files = fs.readdirSync(tracesDir).filter((file) => file.endsWith(".json"))
  it("there are some", () => {
    expect(files.length).toBeGreaterThan(0)
  })
  for (const file of files) {
    it(`${file} decodes and encodes back to the same bytes`, () => {
      const text = fs.readFileSync(path.join(tracesDir, file), "utf8")
      const trace = Schema.decodeUnknownSync(Trace)(JSON.parse(text))
      expect(`${JSON.stringify(Schema.encodeSync(Trace)(trace), null, 2)}\n`).toBe(text)
    })
  }
})

describe("validateConfig: queues", () => {
  const jobs: QueueConfig = { name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 30_000, receiveCountMax: 3, deadLetterQueue: "jobs-dlq" }
  const jobsDlq: QueueConfig = { name: "jobs-dlq", mode: "at-least-once", visibilityTimeoutMs: 30_000 }
  const fifo: QueueConfig = { name: "o.fifo", mode: "at-least-once", visibilityTimeoutMs: 1, receiveCountMax: 1, deadLetterQueue: "dlq.fifo", fifo: true, dedupWindowMs: 1 }
  const fifoDlq: QueueConfig = { name: "dlq.fifo", mode: "at-most-once", visibilityTimeoutMs: 1, fifo: true }
  const withQueues = (...queues: ReadonlyArray<QueueConfig>): Config => ({ ...configDefault, queues })

  it("accepts queues beside topics, standard and FIFO, with and without a redrive policy, and the shipped queue config", () => {
    expect(validateConfig(withQueues(jobs, jobsDlq, fifo, fifoDlq))).toBeUndefined()
    expect(validateConfig(withQueues())).toBeUndefined()
    // a dead-letter queue may serve several sources, and be declared before them
    expect(validateConfig(withQueues(jobsDlq, jobs, { ...jobs, name: "more" }))).toBeUndefined()
    expect(validateConfig(withQueues(jobs, { ...jobsDlq, inspected: true }, fifo, { ...fifoDlq, inspected: false }))).toBeUndefined()
    const shipped = JSON.parse(fs.readFileSync(path.join(root, "examples/configs/queue-and-stream.json"), "utf8"))
    expect(validateConfig(Schema.decodeUnknownSync(Config)(shipped))).toBeUndefined()
  })

  it("accepts queues at every limit", () => {
    const max = Array.from({ length: 64 }, (_, i): QueueConfig => ({ name: `q${i}`, mode: "at-least-once", visibilityTimeoutMs: 1_000_000_000 }))
    expect(validateConfig(withQueues(...max))).toBeUndefined()
    expect(validateConfig(withQueues({ ...fifo, receiveCountMax: 1_000, dedupWindowMs: 1_000_000_000 }, fifoDlq))).toBeUndefined()
  })

  const broken: ReadonlyArray<readonly [string, Config]> = [
    [
      "the number of queues is 65; qsem checks at most 64",
      withQueues(...Array.from({ length: 65 }, (_, i): QueueConfig => ({ name: `q${i}`, mode: "at-least-once", visibilityTimeoutMs: 1 })))
    ],
    ['queue "orders" has the name of a topic', withQueues({ ...jobsDlq, name: "orders" })],
    ['queue "jobs-dlq" is declared twice', withQueues(jobs, jobsDlq, jobsDlq)],
    ['queue "jobs-dlq"\'s visibilityTimeoutMs is 1,000,000,001; qsem checks at most 1,000,000,000', withQueues(jobs, { ...jobsDlq, visibilityTimeoutMs: 1_000_000_001 })],
    ['queue "jobs-dlq" has a dedupWindowMs, but only a fifo queue deduplicates', withQueues(jobs, { ...jobsDlq, dedupWindowMs: 5 })],
    ['queue "o.fifo"\'s dedupWindowMs is 1,000,000,001; qsem checks at most 1,000,000,000', withQueues({ ...fifo, dedupWindowMs: 1_000_000_001 }, fifoDlq)],
    ['queue "jobs" needs both receiveCountMax and deadLetterQueue, or neither', withQueues({ name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 1, receiveCountMax: 2 }, jobsDlq)],
    ['queue "jobs" needs both receiveCountMax and deadLetterQueue, or neither', withQueues({ name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 1, deadLetterQueue: "jobs-dlq" }, jobsDlq)],
    ['queue "jobs"\'s receiveCountMax is 1,001; qsem checks at most 1,000', withQueues({ ...jobs, receiveCountMax: 1_001 }, jobsDlq)],
    ['queue "jobs" dead-letters to unknown queue "nope"', withQueues({ ...jobs, deadLetterQueue: "nope" }, jobsDlq)],
    ['queue "jobs" dead-letters to unknown queue "orders"', withQueues({ ...jobs, deadLetterQueue: "orders" }, jobsDlq)],
    ['queue "jobs" dead-letters to itself', withQueues({ ...jobs, deadLetterQueue: "jobs" })],
    ['queue "jobs" is inspected, but no queue dead-letters to it; only a dead-letter queue is inspected', withQueues({ ...jobs, inspected: true }, jobsDlq)],
    [
      'queue "jobs" dead-letters to "jobs-dlq", which has a dead-letter queue of its own; qsem checks one level',
      withQueues(jobs, { ...jobsDlq, receiveCountMax: 1, deadLetterQueue: "last" }, { ...jobsDlq, name: "last" })
    ],
    ['queue "jobs" dead-letters to "dlq.fifo", which is fifo; a dead-letter queue is fifo exactly when its source is', withQueues({ ...jobs, deadLetterQueue: "dlq.fifo" }, fifoDlq)],
    ['queue "o.fifo" dead-letters to "jobs-dlq", which is not fifo; a dead-letter queue is fifo exactly when its source is', withQueues({ ...fifo, deadLetterQueue: "jobs-dlq" }, jobsDlq)],
    // queue rules come after the service rules and before the session timeout
    ['queue "orders" has the name of a topic', { ...withQueues({ ...jobsDlq, name: "orders" }), sessionTimeoutMs: 1_000_000_001 }],
    ['service "s" publishes to unknown topic "nope"', { ...withQueues({ ...jobsDlq, name: "orders" }), services: [{ name: "s", topic: "nope", publish: "outbox" }] }]
  ]
  for (const [message, config] of broken) {
    it(`refuses: ${message}`, () => {
      expect(validateConfig(config)).toBe(message)
    })
  }

  it("decodes a queue's optional fields only when present, and refuses a non-positive visibility timeout", () => {
    const decoded = Schema.decodeUnknownSync(Config)({ ...fileConfig, queues: [{ name: "q", mode: "at-most-once", visibilityTimeoutMs: 5 }] })
    expect(decoded.queues).toEqual([{ name: "q", mode: "at-most-once", visibilityTimeoutMs: 5 }])
    expect(Object.keys(decoded.queues![0])).toEqual(["name", "mode", "visibilityTimeoutMs"])
    expect(() => Schema.decodeUnknownSync(Config)({ ...fileConfig, queues: [{ name: "q", mode: "at-most-once", visibilityTimeoutMs: 0 }] })).toThrow()
    expect(() => Schema.decodeUnknownSync(Config)({ ...fileConfig, queues: [{ name: "q", mode: "exactly-once", visibilityTimeoutMs: 5 }] })).toThrow()
  })
})
