import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { attemptsOf, brokerMembersOf, clientOf, failureOf, committedOf, generationOf, highWatermarkOf as modelHighWatermarkOf, nowMs } from "../../model/index.ts"
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { configDoubleCharge, configExactlyOnce, configExternalEffects, configOutbox, configPoisonAndRetries, configRetention } from "../suite/mutantSeeds.ts"
import { choicesArbitrary } from "../choice.ts"
import type { SimulatedStep } from "./internal/simulate.ts"
import { simulateChoices } from "./internal/simulate.ts"
import { driverInit, highWatermarkOf, partitionKey } from "./driver.ts"

const configSmall: Config = {
  topics: [{ name: "t", partitions: 2 }],
  groups: [
    { name: "alo", mode: "at-least-once", assignor: "round-robin", topics: ["t"] },
    { name: "amo", mode: "at-most-once", assignor: "range", topics: ["t"] }
  ],
  sessionTimeoutMs: 1000,
  bounds: {
    producersMax: 1,
    membersPerGroupMax: 3,
    keysMax: 2,
    recordsPerPollMax: 2,
    clockAdvanceMsMax: 1500,
    commandsMax: 80
  }
}

/**
 * The first way the driver's view differs from the model's state, if any.
 * A poll's answer does not say how far past its last record the position
 * moved over offsets it skipped (markers, and under `read_committed` aborted
 * records), so on a transactional config the driver's position may be lower
 * than the client's.
 */
const mismatch = ({ driver, state }: SimulatedStep, config: Config): string | undefined => {
  if (driver.nowMs !== nowMs(state)) return `nowMs ${driver.nowMs} vs ${nowMs(state)}`
  for (const topic of config.topics) {
    for (let partition = 0; partition < topic.partitions; partition++) {
      const seen = highWatermarkOf(driver, topic.name, partition)
      if (seen !== modelHighWatermarkOf(state, topic.name, partition)) return `high watermark of ${topic.name}/${partition}`
    }
  }
  for (const producer of driver.producers.values()) {
    const client = state.producers.get(producer.name)
    const where = `producer ${producer.name}`
    if ((producer.pending !== undefined) !== (client?.pending !== undefined)) return `${where} pending`
    if (producer.transactionalId === undefined) continue
    if (producer.inTransaction !== (client?.inTransaction ?? false)) return `${where} inTransaction`
    if (producer.fenced !== (client?.fenced ?? false)) return `${where} fenced`
    const epoch = client === undefined || client.producerId < 0 ? undefined : client.epoch
    if (producer.epoch !== epoch) return `${where} epoch ${producer.epoch} vs ${epoch}`
  }
  for (const group of driver.groups) {
    if (group.failure !== undefined) {
      const modelled = failureOf(state, group.name)
      if (modelled === undefined) return `group ${group.name} failure state missing in the model`
      if (group.failure.downstreamUp !== modelled.downstreamUp) return `group ${group.name} downstreamUp`
      if (group.failure.deadLetters !== modelled.deadLettered.length - modelled.redrivenCount) return `group ${group.name} dead letters ${group.failure.deadLetters} vs ${modelled.deadLettered.length - modelled.redrivenCount}`
    }
    if (group.generation !== generationOf(state, group.name)) return `generation of ${group.name}`
    const brokerMembers = brokerMembersOf(state, group.name)
    const listed = brokerMembers.map((m) => m.member)
    for (const member of group.members) {
      const where = `${group.name}/${member.name}`
      if (member.listed !== listed.includes(member.name)) return `${where} listed`
      const lastSeenMs = brokerMembers.find((m) => m.member === member.name)?.lastSeenMs
      if (lastSeenMs !== undefined && member.lastHeardMs !== lastSeenMs) return `${where} lastHeardMs ${member.lastHeardMs} vs ${lastSeenMs}`
      const client = clientOf(state, group.name, member.name)
      if (member.running !== (client !== undefined)) return `${where} running`
      if (client === undefined) continue
      if (member.generation !== client.generation) return `${where} generation`
      if (JSON.stringify(member.assignment) !== JSON.stringify(client.assignment)) return `${where} assignment`
      if (group.failure !== undefined) {
        const viewed = [...member.attempts].map(([key, attempt]) => `${key}:${attempt.attempts}:${attempt.retryAtMs ?? "-"}`).sort()
        const modelled = attemptsOf(state, group.name, member.name).map((a) => `${a.topic}/${a.partition}@${a.offset}:${a.count}:${a.retryAtMs ?? "-"}`).sort()
        if (viewed.join() !== modelled.join()) return `${where} attempts ${viewed} vs ${modelled}`
      }
      const buffer = member.buffer.map((d) => `${d.topic}/${d.partition}/${d.offset}`)
      const held = client.buffer.map((r) => `${r.topic}/${r.partition}/${r.offset}`)
      if (buffer.join() !== held.join()) return `${where} buffer ${buffer} vs ${held}`
      for (const [key, position] of member.positions) {
        const actual = client.positions.find((p) => partitionKey(p.topic, p.partition) === key)
        const fits = driver.transactional ? actual !== undefined && position <= actual.offset : actual?.offset === position
        if (!fits) return `${where} position of ${key}: ${position} vs ${actual?.offset}`
      }
    }
  }
  return undefined
}

describe("driverInit", () => {
  it("has the generated member slots and the drainer in every group, and every partition at offset 0", () => {
    const driver = driverInit(configDefault)
    expect(driver.groups.map((g) => g.members.map((m) => m.name))).toEqual([
      ["m0", "m1", "m2", "m3", "drainer"],
      ["m0", "m1", "m2", "m3", "drainer"]
    ])
    expect([...driver.partitionIndex]).toEqual([
      ["orders/0", 0],
      ["orders/1", 1],
      ["orders/2", 2],
      ["payments/0", 3],
      ["payments/1", 4]
    ])
    expect(driver.highWatermarks).toEqual([0, 0, 0, 0, 0])
    expect(highWatermarkOf(driver, "payments", 1)).toBe(0)
    expect(highWatermarkOf(driver, "nope", 0)).toBe(0)
  })
})

describe("driverObserve", () => {
  for (const [name, config] of [
    ["default", configDefault],
    ["small", configSmall],
    ["exactly-once", configExactlyOnce],
    ["double-charge", configDoubleCharge],
    ["outbox", configOutbox],
    ["external-effects", configExternalEffects],
    ["poison-and-retries", configPoisonAndRetries],
    ["retention", configRetention]
  ] as const) {
    it(`keeps the application's view equal to the model's state at every step (${name} config)`, () => {
      for (const choices of fc.sample(choicesArbitrary(config), { seed: 17, numRuns: 150 })) {
        simulateChoices(config, choices, (step) => {
          const found = mismatch(step, config)
          if (found !== undefined) {
            throw new Error(`after ${JSON.stringify(step.command)} -> ${JSON.stringify(step.response)}: ${found}`)
          }
        })
      }
    })
  }

  it("lets an at-most-once member process only records its group committed past", () => {
    let cleared = 0
    for (const choices of fc.sample(choicesArbitrary(configSmall), { seed: 23, numRuns: 150 })) {
      simulateChoices(configSmall, choices, ({ driver, state }) => {
        for (const group of driver.groups) {
          for (const member of group.members) {
            for (const delivery of member.buffer) {
              if (!delivery.cleared) continue
              cleared++
              expect(group.mode).toBe("at-most-once")
              const committed = committedOf(state, group.name, delivery.topic, delivery.partition) ?? 0
              expect(committed).toBeGreaterThan(delivery.offset)
            }
          }
        }
      })
    }
    expect(cleared).toBeGreaterThan(0)
  })
})
