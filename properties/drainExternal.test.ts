import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import type { Drain } from "./drain.ts"
import { drainInit, drainNext, drainObserve, drainStepsMax } from "./drain.ts"
import type { Driver } from "./driver/driver.ts"
import { drainerName, driverInit } from "./driver/driver.ts"
import { driverObserve } from "./driver/observe.ts"
import { choicesArbitrary } from "./choice.ts"
import { runChoicesOnModel } from "./modelRun.ts"
import { configConditionalUpdate, configDoubleCharge, configExternalEffects, configOutbox } from "./suite/mutantSeeds.ts"

/** Plain groups (no producers, no exactly-once group), one with an effect, and three services. */
const configServices: Config = {
  topics: [{ name: "events", partitions: 2 }],
  groups: [
    { name: "plain", mode: "at-least-once", assignor: "range", topics: ["events"] },
    { name: "dedup", mode: "at-least-once", assignor: "range", topics: ["events"], effect: { remedy: "idempotency-key", dedupWindowMs: 5000 } }
  ],
  sessionTimeoutMs: 3000,
  services: [
    { name: "dual", topic: "events", publish: "commit-then-send" },
    { name: "box", topic: "events", publish: "outbox" },
    { name: "box2", topic: "events", publish: "outbox" }
  ],
  bounds: { producersMax: 2, membersPerGroupMax: 2, keysMax: 2, recordsPerPollMax: 3, clockAdvanceMsMax: 5000, commandsMax: 20 }
}

/**
 * A scripted target: every group is empty, `relays(service, count)` says
 * whether the `count`-th relay of a service still publishes.
 */
const answerOf = (command: Command, relaysBefore: number, relays: (service: string, count: number) => boolean): Response => {
  switch (command._tag) {
    case "ClockAdvance":
      return { _tag: "ClockAdvanced", nowMs: command.ms, expired: [], rebalanced: [] }
    case "RelayPublish":
      return relays(command.service, relaysBefore)
        ? { _tag: "Relayed", service: command.service, event: `e${relaysBefore}`, sent: { topic: "events", partition: 0, offset: relaysBefore } }
        : { _tag: "OutboxEmpty", service: command.service }
    case "GroupJoin":
      return { _tag: "Joined", group: command.group, member: command.member, generation: 1, assignment: [] }
    case "ConsumerPoll":
      return { _tag: "Polled", group: command.group, member: command.member, records: [] }
    case "ObserverDump":
      return { _tag: "Dumped", topic: command.topic, partition: command.partition, highWatermark: 0, lastStableOffset: 0, entries: [] }
    case "ObserverOffsets":
      return { _tag: "OffsetsFetched", group: command.group, offsets: [] }
    case "ObserverEffects":
      return { _tag: "EffectsListed", group: command.group, applied: [], remembered: [], entities: [] }
    case "ObserverService":
      return { _tag: "ServiceListed", service: command.service, rows: [], outbox: [] }
    default:
      throw new Error(`unexpected drain command ${command._tag}`)
  }
}

/** The drain's commands against the scripted target, after `commandsRun` commands. */
const drainCommandsOf = (config: Config, commandsRun: number, relays: (service: string, count: number) => boolean): Array<Command> => {
  let drain: Drain = drainInit(config, commandsRun)
  let driver: Driver = driverInit(config)
  const commands: Array<Command> = []
  const relayCounts = new Map<string, number>()
  for (;;) {
    const next = drainNext(drain, driver, config)
    if (next === undefined) return commands
    commands.push(next.command)
    const service = next.command._tag === "RelayPublish" ? next.command.service : ""
    const count = relayCounts.get(service) ?? 0
    relayCounts.set(service, count + 1)
    const response = answerOf(next.command, count, relays)
    driver = driverObserve(driver, next.command, response)
    drain = drainObserve(next.drain, config, response)
  }
}

const render = (command: Command): string => {
  switch (command._tag) {
    case "RelayPublish":
    case "ObserverService":
      return `${command._tag} ${command.service}`
    case "ObserverEffects":
    case "ObserverOffsets":
      return `${command._tag} ${command.group}`
    case "GroupJoin":
    case "ConsumerPoll":
      return `${command._tag} ${command.group}/${command.member}`
    case "ObserverDump":
      return `ObserverDump ${command.topic}/${command.partition}@${command.offset}`
    default:
      return command._tag
  }
}

describe("the drain on a config with effects and services", () => {
  it("relays every outbox until OutboxEmpty before the groups drain, then dumps, lists offsets, effect stores and services", () => {
    const commands = drainCommandsOf(configServices, 4, (service, count) => service === "box" ? count < 2 : false)
    expect(commands.map(render)).toEqual([
      "ClockAdvance",
      "RelayPublish box",
      "RelayPublish box",
      "RelayPublish box",
      "RelayPublish box2",
      `GroupJoin plain/${drainerName}`,
      `ConsumerPoll plain/${drainerName}`,
      `GroupJoin dedup/${drainerName}`,
      `ConsumerPoll dedup/${drainerName}`,
      "ObserverDump events/0@0",
      "ObserverDump events/1@0",
      "ObserverOffsets plain",
      "ObserverOffsets dedup",
      "ObserverEffects dedup",
      "ObserverService dual",
      "ObserverService box",
      "ObserverService box2"
    ])
  })

  it("ends a relay that never answers OutboxEmpty after drainStepsMax commands", () => {
    const commands = drainCommandsOf(configServices, 6, () => true)
    expect(commands).toHaveLength(drainStepsMax(configServices, 6))
    expect(commands.every((command, i) => i === 0 || command._tag === "RelayPublish")).toBe(true)
  })

  it("observes a config whose only reach outside the broker is a service, and leaves out ObserverEffects without effects", () => {
    const config: Config = { ...configServices, groups: [configServices.groups[0]], services: [{ name: "dual", topic: "events", publish: "send-then-commit" }] }
    const tags = drainCommandsOf(config, 2, () => false).map((command) => command._tag)
    expect(tags).not.toContain("RelayPublish")
    expect(tags).not.toContain("ObserverEffects")
    expect(tags.slice(-4)).toEqual(["ObserverDump", "ObserverDump", "ObserverOffsets", "ObserverService"])
  })

  it("leaves a config without effects and services as it was: no relays, no observers", () => {
    const { services: _, ...rest } = configServices
    const plain: Config = { ...rest, groups: [configServices.groups[0]] }
    const tags = drainCommandsOf(plain, 2, () => true).map((command) => command._tag)
    expect(tags).toEqual(["ClockAdvance", "GroupJoin", "ConsumerPoll"])
    expect(drainStepsMax(plain, 10)).toBeLessThan(drainStepsMax(configServices, 10))
  })
})

describe("the drain on the shipped configs with effects and services, on the model", () => {
  for (const [name, config] of [["double-charge", configDoubleCharge], ["conditional-update", configConditionalUpdate], ["outbox", configOutbox], ["external-effects", configExternalEffects]] as const) {
    it(`publishes every outbox row, drains every group and ends listing every effect store and service, within budget (${name})`, () => {
      for (const choices of fc.sample(choicesArbitrary(config), { seed: 13, numRuns: 40 })) {
        const run = runChoicesOnModel(config, choices)
        const start = run.drainStart ?? run.commands.length
        const drain = run.commands.slice(start)
        const answers = run.expected.slice(start)
        expect(drain.length).toBeLessThan(drainStepsMax(config, start))
        expect(drain.some((command) => "crashMidway" in command)).toBe(false)
        const effectGroups = config.groups.filter((group) => group.effect !== undefined).map((group) => group.name)
        const services = (config.services ?? []).map((service) => service.name)
        const tail = drain.slice(drain.length - effectGroups.length - services.length).map(render)
        expect(tail).toEqual([...effectGroups.map((group) => `ObserverEffects ${group}`), ...services.map((service) => `ObserverService ${service}`)])
        for (const response of answers.slice(answers.length - services.length)) {
          if (response._tag !== "ServiceListed") throw new Error(`expected ServiceListed, got ${response._tag}`)
          expect(response.outbox.every((row) => row.published)).toBe(true)
        }
        // Every relay of the drain comes before the first drainer joins, and each outbox's last relay answered OutboxEmpty.
        const firstJoin = drain.findIndex((command) => command._tag === "GroupJoin")
        drain.forEach((command, i) => {
          if (command._tag === "RelayPublish") expect(i).toBeLessThan(firstJoin)
        })
        for (const service of (config.services ?? []).filter((s) => s.publish === "outbox")) {
          const last = drain.map((command, i) => [command, i] as const).filter(([command]) => command._tag === "RelayPublish" && command.service === service.name).pop()
          expect(last === undefined ? undefined : answers[last[1]]._tag).toBe("OutboxEmpty")
        }
      }
    })
  }
})
