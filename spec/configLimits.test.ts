import { describe, expect, it } from "vitest"
import { type Config, configDefault, configLimits, validateConfig } from "./config.ts"

const withBounds = (bounds: Partial<Config["bounds"]>): Config => ({ ...configDefault, bounds: { ...configDefault.bounds, ...bounds } })

const topicsOf = (count: number, partitions: number): Config["topics"] =>
  Array.from({ length: count }, (_, i) => ({ name: `t${i}`, partitions }))

describe("validateConfig: limits", () => {
  it("accepts the default config, and a config at every limit", () => {
    expect(validateConfig(configDefault)).toBeUndefined()
    const atLimits: Config = {
      topics: topicsOf(4, configLimits.partitionsPerTopicMax),
      groups: Array.from({ length: configLimits.groupsMax }, (_, i) => ({
        name: `g${i}`, mode: "at-least-once", assignor: "range", topics: ["t0", "t3"]
      })),
      sessionTimeoutMs: configLimits.sessionTimeoutMsMax,
      bounds: {
        producersMax: configLimits.producersMax,
        membersPerGroupMax: configLimits.membersPerGroupMax,
        keysMax: configLimits.keysMax,
        recordsPerPollMax: configLimits.recordsPerPollMax,
        clockAdvanceMsMax: configLimits.clockAdvanceMsMax,
        commandsMax: configLimits.commandsMax
      }
    }
    expect(validateConfig(atLimits)).toBeUndefined()
  })

  const beyond: ReadonlyArray<readonly [string, Config]> = [
    ["bounds.membersPerGroupMax is 1,000,000,000; qsem checks at most 256", withBounds({ membersPerGroupMax: 1e9 })],
    ["bounds.producersMax is 10,001; qsem checks at most 10,000", withBounds({ producersMax: 10_001 })],
    ["bounds.keysMax is 10,001; qsem checks at most 10,000", withBounds({ keysMax: 10_001 })],
    ["bounds.recordsPerPollMax is 1,001; qsem checks at most 1,000", withBounds({ recordsPerPollMax: 1_001 })],
    ["bounds.commandsMax is 100,001; qsem checks at most 100,000", withBounds({ commandsMax: 100_001 })],
    ["bounds.clockAdvanceMsMax is 1,000,000,001; qsem checks at most 1,000,000,000", withBounds({ clockAdvanceMsMax: 1e9 + 1 })],
    ["sessionTimeoutMs is 1,000,000,001; qsem checks at most 1,000,000,000", { ...configDefault, sessionTimeoutMs: 1e9 + 1 }],
    [
      "topic \"orders\" has 1,000,000 partitions; qsem checks at most 1,024 per topic",
      { ...configDefault, topics: [{ name: "orders", partitions: 1_000_000 }, configDefault.topics[1]] }
    ],
    ["the number of partitions of all topics together is 5,120; qsem checks at most 4,096", { ...configDefault, topics: topicsOf(5, 1_024), groups: [] }],
    ["the number of topics is 257; qsem checks at most 256", { ...configDefault, topics: topicsOf(257, 1), groups: [] }],
    [
      "the number of groups is 65; qsem checks at most 64",
      { ...configDefault, groups: Array.from({ length: 65 }, (_, i) => ({ ...configDefault.groups[0], name: `g${i}` })) }
    ]
  ]
  for (const [message, config] of beyond) {
    it(`refuses: ${message}`, () => {
      expect(validateConfig(config)).toBe(message)
    })
  }
})

describe("validateConfig: names in messages", () => {
  it("shows a name JSON-quoted, so a newline or a quote in it stays on one line", () => {
    const twice: Config = { ...configDefault, topics: [{ name: "a\nqsem: \"forged\"", partitions: 1 }, { name: "a\nqsem: \"forged\"", partitions: 1 }] }
    expect(validateConfig(twice)).toBe("topic \"a\\nqsem: \\\"forged\\\"\" is declared twice")
    const unknown: Config = { ...configDefault, groups: [{ ...configDefault.groups[0], name: "g\r", topics: ["x\u001b[2J"] }] }
    expect(validateConfig(unknown)).toBe("group \"g\\r\" subscribes to unknown topic \"x\\u001b[2J\"")
  })
})
