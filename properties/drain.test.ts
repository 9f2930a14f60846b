import { Effect } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Target } from "../impl/target.ts"
import { init, step } from "../model/index.ts"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { DataEntry, LogEntry, LogRecord, MarkerEntry } from "../spec/record.ts"
import { configDefault } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import { choicesArbitrary } from "./choice.ts"
import { drainOrderOf, drainStepsMax } from "./drain.ts"
import { drainerName } from "./driver/driver.ts"
import { simulateChoices } from "./driver/internal/simulate.ts"
import { modelTarget } from "./modelTarget.ts"
import { runChoices, runCommands } from "./run.ts"
import { simulateCases } from "./generate/internal/exactlyOnceStats.ts"
import { configExactlyOnce as configEo } from "./suite/mutantSeeds.ts"

const configThree: Config = {
  topics: [
    { name: "a", partitions: 1 },
    { name: "b", partitions: 3 }
  ],
  groups: [
    { name: "g1", mode: "at-least-once", assignor: "round-robin", topics: ["a", "b"] },
    { name: "g2", mode: "at-most-once", assignor: "range", topics: ["b"] },
    { name: "g3", mode: "at-least-once", assignor: "range", topics: ["b"] }
  ],
  sessionTimeoutMs: 5000,
  bounds: { producersMax: 3, membersPerGroupMax: 3, keysMax: 3, recordsPerPollMax: 4, clockAdvanceMsMax: 6000, commandsMax: 70 }
}

interface Outcome {
  readonly lost: number
  readonly duplicated: number
}

/** Runs choices on the model and checks the two protocol guarantees on the drained history. */
const checkProtocols = (config: Config, commands: ReadonlyArray<Command>, responses: ReadonlyArray<Response>) => {
  const processed = new Map<string, number>()
  const sent: Array<{ readonly topic: string; readonly key: string }> = []
  responses.forEach((response) => {
    if (response._tag === "Sent") sent.push({ topic: response.topic, key: `${response.topic}/${response.partition}/${response.offset}` })
    if (response._tag === "Processed") {
      const key = `${response.group}:${response.topic}/${response.partition}/${response.offset}`
      processed.set(key, (processed.get(key) ?? 0) + 1)
    }
  })
  const outcomes = new Map<string, Outcome>()
  for (const group of config.groups) {
    let lost = 0
    let duplicated = 0
    for (const record of sent) {
      if (!group.topics.includes(record.topic)) continue
      const times = processed.get(`${group.name}:${record.key}`) ?? 0
      if (times === 0) lost++
      if (times > 1) duplicated++
    }
    if (group.mode === "at-least-once") expect(lost, `${group.name} lost records`).toBe(0)
    else expect(duplicated, `${group.name} processed records twice`).toBe(0)
    outcomes.set(group.name, { lost, duplicated })
  }
  // The drain ends each group with a poll of the drainer that delivered nothing.
  for (const group of config.groups) {
    let last = -1
    commands.forEach((command, i) => {
      if (command._tag === "ConsumerPoll" && command.group === group.name && command.member === drainerName) last = i
    })
    const response = responses[last]
    expect(response?._tag === "Polled" && response.records.length === 0, `${group.name} drained`).toBe(true)
  }
  return outcomes
}

describe("the final drain with the consumer protocols, on a correct broker (the model)", () => {
  for (const [name, config, seed] of [["default", configDefault, 37], ["three groups", configThree, 41]] as const) {
    it(`processes every acknowledged send in every at-least-once group, and nothing twice in at-most-once ones (${name} config)`, () => {
      const witnessed = { aloDuplicate: 0, amoLoss: 0 }
      for (const choices of fc.sample(choicesArbitrary(config), { seed, numRuns: 300 })) {
        const { commands, responses } = simulateChoices(config, choices)
        expect(commands.length).toBeLessThanOrEqual(choices.length + drainStepsMax(config, choices.length))
        for (const [group, outcome] of checkProtocols(config, commands, responses)) {
          const mode = config.groups.find((g) => g.name === group)?.mode
          if (mode === "at-least-once" && outcome.duplicated > 0) witnessed.aloDuplicate++
          if (mode === "at-most-once" && outcome.lost > 0) witnessed.amoLoss++
        }
      }
      // The other side of each mode really happens: duplicates and losses.
      expect(witnessed.aloDuplicate).toBeGreaterThan(10)
      expect(witnessed.amoLoss).toBeGreaterThan(0)
    })
  }
})

/** The model, except that every poll of the drainer answers the records `recordsOf` gives (called once per poll). */
const modelWithDrainerPolls = (name: string, recordsOf: () => ReadonlyArray<LogRecord>): Target => ({
  name,
  open: (config) =>
    Effect.sync(() => {
      let state = init(config)
      return {
        execute: (command) =>
          Effect.sync(() => {
            const transition = step(state, command)
            state = transition.state
            const response = transition.response
            if (command._tag === "ConsumerPoll" && command.member === drainerName && response._tag === "Polled") {
              return { ...response, records: recordsOf() }
            }
            return response
          })
      }
    })
})

const recordAt = (offset: number): LogRecord => ({ topic: "orders", partition: 0, offset, producer: "p0", value: "v0", timestampMs: 0 })

/** Every poll of the drainer delivers one more record, at an ever higher offset. */
let offsetNext = 0
const neverDrains = modelWithDrainerPolls("never-drains", () => [recordAt(offsetNext++)])

/** Every poll of the drainer delivers the partition's first record again. */
const redeliversForever = modelWithDrainerPolls("redelivers-forever", () => [recordAt(0)])

describe("the drain's budget", () => {
  it("ends the run of a target that never drains after drainStepsMax commands", async () => {
    const choices = [0, 1, 2, 3].map(() => ({ action: 0, a: 0, b: 0, c: 0 }))
    const run = await Effect.runPromise(runChoices(neverDrains, configDefault, choices))
    expect(run.divergence).toBeDefined()
    expect(run.commands.length).toBe(choices.length + drainStepsMax(configDefault, choices.length))
    expect(run.actual.length).toBe(run.commands.length)
  })
})

describe("the drain's end", () => {
  it("ends a group's drain when a poll delivers only records its drainer was already given", async () => {
    const run = await Effect.runPromise(runChoices(redeliversForever, configDefault, []))
    const drainerPolls = run.commands.filter((command) => command._tag === "ConsumerPoll")
    // One poll with a new record, one that only repeats it, in each of the two groups.
    expect(drainerPolls).toHaveLength(4)
  })
})

describe("a drain restricted to some groups (drainGroups)", () => {
  const [choices] = fc.sample(choicesArbitrary(configThree), { seed: 5, numRuns: 1 })
  const drainOf = async (drainGroups: ReadonlyArray<string> | undefined) => {
    const run = await Effect.runPromise(runChoices(modelTarget, configThree, choices, { drainGroups }))
    expect(run.drainStart).toBe(choices.length)
    return run.commands.slice(choices.length)
  }
  const groupsIn = (commands: ReadonlyArray<Command>): Array<string> =>
    [...new Set(commands.flatMap((command) => ("group" in command ? [command.group] : [])))].sort()

  it("issues no command at all when empty, and only the named groups' commands otherwise", async () => {
    expect(await drainOf([])).toEqual([])
    const all = await drainOf(undefined)
    expect(groupsIn(all)).toEqual(["g1", "g2", "g3"])
    const g2 = await drainOf(["g2"])
    expect(groupsIn(g2)).toEqual(["g2"])
    expect(g2.some((command) => command._tag === "ClockAdvance")).toBe(true)
    expect(g2.filter((command) => command._tag === "GroupJoin")).toEqual([{ _tag: "GroupJoin", group: "g2", member: drainerName }])
    const g1g3 = await drainOf(["g3", "g1"])
    expect(groupsIn(g1g3)).toEqual(["g1", "g3"])
    expect(g1g3.length).toBeLessThan(all.length)
  })

  it("leaves no drain start on saved commands run as they are", async () => {
    const run = await Effect.runPromise(runCommands(modelTarget, configThree, []))
    expect(run.drainStart).toBeUndefined()
  })
})

/** The drain's dumps, whole: every partition's entries by `topic/partition`. */
const logsOf = (responses: ReadonlyArray<Response>): Map<string, Array<LogEntry>> => {
  const logs = new Map<string, Array<LogEntry>>()
  for (const response of responses) {
    if (response._tag !== "Dumped") continue
    const key = `${response.topic}/${response.partition}`
    logs.set(key, [...(logs.get(key) ?? []), ...response.entries])
  }
  return logs
}

/** The data entries a read_committed reader sees: not transactional, or followed by a commit marker of their producer id. */
const committedDataOf = (entries: ReadonlyArray<LogEntry>): ReadonlyArray<DataEntry> =>
  entries.filter((entry): entry is DataEntry =>
    entry._tag === "Data" &&
    (entry.transactional !== true ||
      entries.find((marker): marker is MarkerEntry =>
        marker._tag === "Marker" && marker.offset > entry.offset && marker.producerId === entry.producerId)?.control === "commit"))

/** For each exactly-once group, the inputs whose committed results in the output topic do not number exactly one, and results of no input. */
const exactlyOnceBroken = (cfg: Config, logs: Map<string, Array<LogEntry>>): ReadonlyArray<string> => {
  const broken: Array<string> = []
  for (const group of cfg.groups) {
    if (group.mode !== "exactly-once") continue
    const results = new Map<string, number>()
    for (const [key, entries] of logs) {
      if (!key.startsWith(`${group.outputTopic}/`)) continue
      for (const entry of committedDataOf(entries)) {
        if (entry.producer.startsWith(`${group.name}/`)) results.set(entry.value, (results.get(entry.value) ?? 0) + 1)
      }
    }
    for (const topic of group.topics) {
      for (const [key, entries] of logs) {
        if (!key.startsWith(`${topic}/`)) continue
        for (const entry of committedDataOf(entries)) {
          const input = `${key}@${entry.offset}`
          const count = results.get(input) ?? 0
          if (count !== 1) broken.push(`${group.name}: ${input} has ${count} committed results`)
          results.delete(input)
        }
      }
    }
    for (const input of results.keys()) broken.push(`${group.name}: a result of ${input}, which is no readable input`)
  }
  return broken
}

describe("the final drain on the exactly-once configEo, on a correct broker (the model)", () => {
  it("leaves every readable input of the exactly-once group with one committed result, whatever the run did", () => {
    let reprocessed = 0
    let timeouts = 0
    for (const choices of fc.sample(choicesArbitrary(configEo), { seed: 43, numRuns: 150 })) {
      const { commands, responses } = simulateChoices(configEo, choices)
      expect(commands.length).toBeLessThanOrEqual(choices.length + drainStepsMax(configEo, choices.length))
      expect(exactlyOnceBroken(configEo, logsOf(responses))).toEqual([])
      const cases = simulateCases(configEo, choices)
      reprocessed += cases.abortThenReprocess
      timeouts += cases.timeoutAborts
    }
    // The interesting case really happens: aborted inputs processed again, still one result each.
    expect(reprocessed).toBeGreaterThan(10)
    expect(timeouts).toBeGreaterThan(0)
  })

  it("drains the exactly-once group first, ends each group with an empty poll, then dumps every partition whole and lists every group's offsets", () => {
    for (const choices of fc.sample(choicesArbitrary(configEo), { seed: 47, numRuns: 40 })) {
      const { commands, responses } = simulateChoices(configEo, choices)
      const drain = commands.slice(choices.length)
      const drainAnswers = responses.slice(choices.length)
      const joins = drain.filter((c): c is Extract<Command, { _tag: "GroupJoin" }> => c._tag === "GroupJoin")
      expect(joins.map((c) => c.group)).toEqual(drainOrderOf(configEo).map((i) => configEo.groups[i].name))
      expect(joins.map((c) => c.member).every((m) => m === drainerName)).toBe(true)
      expect(drain.find((c) => c._tag === "ClockAdvance")).toEqual({ _tag: "ClockAdvance", ms: Math.max(configEo.sessionTimeoutMs, configEo.transactionTimeoutMs!) })
      for (const group of configEo.groups) {
        let last = -1
        drain.forEach((c, i) => {
          if (c._tag === "ConsumerPoll" && c.group === group.name && c.member === drainerName) last = i
        })
        const answer = drainAnswers[last]
        expect(answer?._tag === "Polled" && answer.records.length === 0, `${group.name} drained`).toBe(true)
      }
      // Every partition dumped from 0 up to its high watermark, contiguously.
      for (const topic of configEo.topics) {
        for (let partition = 0; partition < topic.partitions; partition++) {
          const dumps = drainAnswers.filter((r): r is Extract<Response, { _tag: "Dumped" }> => r._tag === "Dumped" && r.topic === topic.name && r.partition === partition)
          expect(dumps.length).toBeGreaterThan(0)
          const offsets = dumps.flatMap((d) => d.entries.map((e) => e.offset))
          expect(offsets).toEqual(Array.from({ length: dumps[0].highWatermark }, (_, i) => i))
        }
      }
      const tail = drain.slice(drain.findIndex((c) => c._tag === "ObserverOffsets"))
      expect(tail).toEqual(configEo.groups.map((g) => ({ _tag: "ObserverOffsets", group: g.name })))
      // After the drain no transaction is open: every partition's last stable offset is its high watermark.
      for (const dumped of drainAnswers) if (dumped._tag === "Dumped") expect(dumped.lastStableOffset).toBe(dumped.highWatermark)
    }
  })

  it("settles: running exactly-once members finish their transactions and configured transactional producers commit theirs", () => {
    let settled = 0
    for (const choices of fc.sample(choicesArbitrary(configEo), { seed: 53, numRuns: 80 })) {
      const { commands } = simulateChoices(configEo, choices)
      const expire = commands.findIndex((c, i) => i >= choices.length && c._tag === "ClockAdvance")
      const settle = commands.slice(choices.length, expire)
      for (const command of settle) {
        expect(["ConsumerProcess", "TxnSendOffsets", "TxnCommit", "TxnAbort"]).toContain(command._tag)
        if (command._tag !== "ConsumerProcess") settled++
      }
    }
    expect(settled).toBeGreaterThan(10)
  })
})

/** As `neverDrains`, with its own offsets. */
const neverDrainsFresh = (): Target => {
  let offsetNext = 0
  return {
    name: "never-drains",
    open: (cfg) =>
      Effect.sync(() => {
        let state = init(cfg)
        return {
          execute: (command) =>
            Effect.sync(() => {
              const transition = step(state, command)
              state = transition.state
              const response = transition.response
              if (command._tag === "ConsumerPoll" && command.member === drainerName && response._tag === "Polled") {
                return { ...response, records: [{ topic: "orders", partition: 0, offset: offsetNext++, producer: "p0", value: "v0", timestampMs: 0 }] }
              }
              return response
            })
        }
      })
  }
}

describe("the drain's budget on the exactly-once configEo", () => {
  it("ends the run of a target that never drains after drainStepsMax commands", async () => {
    const choices = [0, 1, 2, 3].map(() => ({ action: 0, a: 0, b: 0, c: 0 }))
    const run = await Effect.runPromise(runChoices(neverDrainsFresh(), configEo, choices))
    expect(run.divergence).toBeDefined()
    expect(run.commands.length).toBe(choices.length + drainStepsMax(configEo, choices.length))
  })
})
