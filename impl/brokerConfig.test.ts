import { Cause, Effect, Exit } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { type Config, configDefault } from "../spec/config.ts"
import { BrokerConfig, indexConfig } from "./brokerConfig.ts"
import { builtinTarget } from "./builtin.ts"
import { UnknownGroup, UnknownTopic } from "./errors.ts"
import { transactional } from "./internal/testRun.ts"
import { thrownBy } from "./internal/testThrown.ts"
import { mutants } from "./mutants/index.ts"
import type { Target } from "./target.ts"

const malformed: ReadonlyArray<readonly [string, Config]> = [
  [
    'topic "orders" is declared twice',
    { ...configDefault, topics: [...configDefault.topics, { name: "orders", partitions: 1 }] }
  ],
  [
    'group "billing" is declared twice',
    { ...configDefault, groups: [...configDefault.groups, { ...configDefault.groups[0], mode: "at-most-once" }] }
  ],
  [
    'group "audit" subscribes to unknown topic "refunds"',
    {
      ...configDefault,
      groups: [...configDefault.groups, { name: "audit", mode: "at-least-once", assignor: "range", topics: ["refunds"] }]
    }
  ]
]

/** The defect the effect dies with, or `undefined` when it succeeds. */
const defectOf = async (effect: Effect.Effect<unknown>): Promise<unknown> => {
  const exit = await Effect.runPromise(Effect.exit(effect))
  if (Exit.isSuccess(exit)) return undefined
  const defect = Cause.findDefect(exit.cause)
  return defect._tag === "Success" ? defect.success : exit.cause
}

/** The defect `open` dies with, or `undefined` when the session opened. */
const openDefect = (target: Target, config: Config): Promise<unknown> =>
  defectOf(target.open(config).pipe(Effect.scoped, Effect.provide(TestClock.layer())))

describe("BrokerConfig", () => {
  it("answers a configured topic or group, and the typed error for an unknown one", async () => {
    const config = indexConfig(configDefault)
    expect(config.requireTopic("payments")).toBe(configDefault.topics[1])
    expect(config.requireGroup("metrics")).toBe(configDefault.groups[1])
    expect(thrownBy(() => config.requireTopic("refunds"))).toStrictEqual(new UnknownTopic({ topic: "refunds" }))
    expect(thrownBy(() => config.requireGroup("audit"))).toStrictEqual(new UnknownGroup({ group: "audit" }))
  })

  it("builds the layer of a well-formed config", async () => {
    const built = Effect.gen(function*() {
      return (yield* BrokerConfig).config
    }).pipe(Effect.provide(BrokerConfig.layerFor(configDefault)))
    expect(await Effect.runPromise(built)).toBe(configDefault)
  })

  it.each(malformed)("the layer for a config where %s dies with validateConfig's message", async (problem, config) => {
    const defect = await defectOf(Effect.provide(Effect.service(BrokerConfig), BrokerConfig.layerFor(config)))
    expect(defect).toBeInstanceOf(Error)
    expect((defect as Error).message).toBe(`qsem impl: invalid config: ${problem}`)
  })

  it.each(malformed)("every target dies on open for a config where %s", async (problem, config) => {
    for (const target of [builtinTarget, ...mutants]) {
      const defect = await openDefect(target, config)
      expect(defect, target.name).toBeInstanceOf(Error)
      expect((defect as Error).message, target.name).toBe(`qsem impl: invalid config: ${problem}`)
    }
  })
})

describe("indexConfig: producers", () => {
  const indexed = indexConfig(transactional)

  it("gives a configured producer its entry's kind, an exactly-once member's producer a transactional id, others plain", () => {
    expect(indexed.producer("idem")).toStrictEqual({ idempotent: true, transactionalId: undefined })
    expect(indexed.producer("plain")).toStrictEqual({ idempotent: false, transactionalId: undefined })
    expect(indexed.producer("tx2")).toStrictEqual({ idempotent: true, transactionalId: "tx" })
    expect(indexed.producer("eo/a")).toStrictEqual({ idempotent: true, transactionalId: "eo/a" })
    expect(indexed.producer("eo/")).toStrictEqual({ idempotent: false, transactionalId: undefined })
    expect(indexed.producer("rc/a")).toStrictEqual({ idempotent: false, transactionalId: undefined })
    expect(indexed.producer("p1")).toStrictEqual({ idempotent: false, transactionalId: undefined })
  })

  it("uses transactionTimeoutMs, else Kafka's default of 60 s", () => {
    expect(indexed.transactionTimeoutMs).toBe(10_000)
    expect(indexConfig(configDefault).transactionTimeoutMs).toBe(60_000)
  })
})
