import { describe, expect, it } from "vitest"
import type { EffectOutcome, EntityState } from "../../spec/index.ts"
import { guaranteeById } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { conditionalUpdatesApplyOnceInOrder as check } from "./conditionalUpdatesApplyOnceInOrder.ts"
import { configEffects } from "./internal/configEffects.ts"
import { drainedGroupsOf } from "./internal/drainedGroups.ts"
import { dataEntry, HistoryBuilder } from "./internal/historyBuilder.ts"

const cas = (outcome: EffectOutcome["outcome"], id: string, version: number, entityVersion: number): EffectOutcome => ({ outcome, id, version, entityVersion })

/** Key k gets values a, b, then a retried send's duplicate of a (version 1 again); cas's member a is delivered all three. */
const sent = () =>
  new HistoryBuilder()
    .send("orders/0@0", { key: "k", value: "a" })
    .send("orders/0@1", { key: "k", value: "b" })
    .send("orders/0@2", { key: "k", value: "a" })
    .join("cas", "a", 1, ["orders/0", "orders/1"])
    .poll("cas", "a", ["orders/0@0", "orders/0@1", "orders/0@2"])

/** The drain: an empty poll, both partitions dumped, the entities listed. */
const drained = (b: HistoryBuilder, entities: ReadonlyArray<EntityState>) =>
  b
    .poll("cas", "a", [])
    .dump("orders/0", [dataEntry(0, { key: "k", value: "a" }), dataEntry(1, { key: "k", value: "b" }), dataEntry(2, { key: "k", value: "a" })])
    .dump("orders/1", [])
    .effects("cas", { entities })

const inOrder = () =>
  sent()
    .processEffect("cas", "a", "orders/0@0", cas("applied", "a", 1, 0))
    .processEffect("cas", "a", "orders/0@1", cas("applied", "b", 2, 1))
    .processEffect("cas", "a", "orders/0@2", cas("rejected", "a", 1, 2))

describe("ConditionalUpdatesApplyOnceInOrder", () => {
  it("holds and is witnessed when a duplicate's stale version is rejected and the entity ends at the last distinct value", () => {
    const b = drained(inOrder(), [{ entity: "k", version: 2, value: "b" }])
    expect(drainedGroupsOf(b.history, configEffects).has("cas")).toBe(true)
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(true)
  })

  it("does not witness a rejection of a version ahead of the entity (a gap, not a duplicate)", () => {
    const b = sent().processEffect("cas", "a", "orders/0@1", cas("rejected", "b", 2, 0))
    expect(check.always(b.history, configEffects)).toBeUndefined()
    expect(check.sometimes(b.history, configEffects)).toBe(false)
  })

  it("is violated by an (entity, version) applied twice", () => {
    const b = sent()
      .processEffect("cas", "a", "orders/0@0", cas("applied", "a", 1, 0))
      .processEffect("cas", "a", "orders/0@1", cas("applied", "b", 2, 1))
      .processEffect("cas", "a", "orders/0@2", cas("applied", "a", 1, 2))
    expect(check.always(b.history, configEffects)).toEqual({
      step: 7,
      message:
        "at-least-once group cas applied version 1 of entity \"k\" (orders/0@2 (id \"a\", member a)), but that version of the entity was applied already: a repeated update must be rejected"
    })
  })

  it("is violated by a version applied out of order", () => {
    const b = sent().processEffect("cas", "a", "orders/0@1", cas("applied", "b", 2, 0))
    expect(check.always(b.history, configEffects)?.message).toBe(
      "at-least-once group cas applied version 2 of entity \"k\" (orders/0@1 (id \"b\", member a)), but the entity had taken 0 updates (expected version 1)"
    )
  })

  it("is violated by a drained entity whose version or value is not its key's distinct values', or whose key no record has", () => {
    const stale = drained(inOrder(), [{ entity: "k", version: 2, value: "a" }])
    expect(check.always(stale.history, configEffects)).toEqual({
      step: 11,
      message:
        "at-least-once group cas's entity \"k\" (EffectsListed at step 12) is at version 2 with value \"a\", but orders/0 holds 2 distinct values of its key, the last \"b\""
    })
    expect(check.always(drained(inOrder(), [{ entity: "k", version: 1, value: "b" }]).history, configEffects)?.step).toBe(11)
    const invented = drained(inOrder(), [{ entity: "k", version: 2, value: "b" }, { entity: "z", version: 1, value: "c" }])
    expect(check.always(invented.history, configEffects)?.message).toBe(
      "at-least-once group cas's entity \"z\" (EffectsListed at step 12) is at version 1, but no record of the topics cas reads has that key"
    )
  })

  it("is violated by a drained key whose entity the listing lacks: its updates were lost", () => {
    const lost = drained(inOrder(), [])
    expect(check.always(lost.history, configEffects)).toEqual({
      step: 11,
      message:
        "at-least-once group cas's EffectsListed at step 12 has no entity \"k\" (version 0), but orders/0 holds 2 distinct values of that key, the last \"b\": its updates were lost"
    })
  })

  it("does not judge the entities of a group whose drain is not shown", () => {
    const b = inOrder().effects("cas", { entities: [{ entity: "k", version: 7, value: "x" }] })
    expect(check.always(b.history, configEffects)).toBeUndefined()
  })

  it("is n/a without an at-least-once conditional-update group in delivery order", () => {
    const reason = (config: typeof configEffects) => notApplicableReasonOf(guaranteeById(check.id), check, config)
    expect(reason(configEffects)).toBeUndefined()
    const anyOrder = { ...configEffects, groups: configEffects.groups.map((group) => (group.name === "cas" ? { ...group, processingOrder: "any" as const } : group)) }
    const atMostOnce = { ...configEffects, groups: configEffects.groups.map((group) => (group.name === "cas" ? { ...group, mode: "at-most-once" as const } : group)) }
    const why = "needs an at-least-once group that reads a topic with a conditional-update effect and processingOrder \"delivery\"; the config has none"
    expect(reason(anyOrder)).toBe(why)
    expect(reason(atMostOnce)).toBe(why)
  })
})
