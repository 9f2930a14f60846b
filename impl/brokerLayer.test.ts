import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { brokerLayersDefault } from "./brokerLayer.ts"
import { makeBrokerTarget } from "./builtin.ts"
import { effectStoreMemoryLayer, makeEffectStoreMemory } from "./effect/effectStoreMemory.ts"
import { EffectStore } from "./effect/effectStoreShape.ts"
import { effectsOf, processMidway, relay, serviceOf, serviceWrite } from "./internal/testCommands.ts"
import { effectful, run, singleGroup } from "./internal/testRun.ts"
import { OutboxRelay } from "./service/outboxRelay.ts"
import { makeServiceStoreMemory, serviceStoreMemoryLayer } from "./service/serviceStoreMemory.ts"
import { ServiceStore } from "./service/serviceStoreShape.ts"

describe("brokerLayer", () => {
  it("builds the effect store, the services' databases and the relay from the in-memory layers by default", () => {
    expect(brokerLayersDefault.effectStore).toBe(effectStoreMemoryLayer)
    expect(brokerLayersDefault.serviceStore).toBe(serviceStoreMemoryLayer)
    expect(brokerLayersDefault.outboxRelay).toBe(OutboxRelay.layer)
  })

  it("hands an overriding effect store to every command that uses one, built once per session", async () => {
    // A store whose listing also says how many effects its ledger holds, so the test sees which store answered.
    const marked = Layer.effect(
      EffectStore,
      Effect.map(makeEffectStoreMemory, (store) => ({
        ...store,
        list: (group, nowMs) => {
          const listing = store.list(group, nowMs)
          return { ...listing, remembered: [{ id: `marked:${listing.applied.length}`, atMs: 0 }] }
        }
      }))
    )
    const target = makeBrokerTarget("marked", { effectStore: marked })
    const commands = [
      { _tag: "ProducerSend", producer: "p", topic: "t", value: "a" },
      { _tag: "GroupJoin", group: "naive", member: "m" },
      { _tag: "ConsumerPoll", group: "naive", member: "m", recordsMax: 10 },
      processMidway("naive", "m", "t", 0, 0),
      effectsOf("naive")
    ] as const
    expect((await run(commands, effectful, target)).at(-1)).toStrictEqual({
      _tag: "EffectsListed",
      group: "naive",
      applied: [{ id: "a", atMs: 0 }],
      remembered: [{ id: "marked:1", atMs: 0 }],
      entities: []
    })
  })

  it("hands an overriding service store to the writes, the relay and the observer alike", async () => {
    const forgetful = Layer.effect(
      ServiceStore,
      Effect.map(makeServiceStoreMemory, (store) => ({ ...store, markPublished: () => Effect.void }))
    )
    const target = makeBrokerTarget("forgetful", { serviceStore: forgetful })
    expect((await run([serviceWrite("box", "e1"), relay("box"), relay("box"), serviceOf("box")], effectful, target)).slice(1)).toStrictEqual([
      { _tag: "Relayed", service: "box", event: "e1", sent: { topic: "s", partition: 0, offset: 0 } },
      { _tag: "Relayed", service: "box", event: "e1", sent: { topic: "s", partition: 1, offset: 0 } },
      { _tag: "ServiceListed", service: "box", rows: [{ event: "e1", atMs: 0 }], outbox: [{ event: "e1", published: false }] }
    ])
  })

  it("answers the new commands on a config without effects or services with typed errors, never dying", async () => {
    expect(await run([serviceWrite("s", "e"), relay("s", true), serviceOf("s"), effectsOf("zz"), effectsOf("g")], singleGroup(1))).toStrictEqual([
      { _tag: "UnknownService", service: "s" },
      { _tag: "UnknownService", service: "s" },
      { _tag: "UnknownService", service: "s" },
      { _tag: "UnknownGroup", group: "zz" },
      { _tag: "EffectsListed", group: "g", applied: [], remembered: [], entities: [] }
    ])
  })
})
