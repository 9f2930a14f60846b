import { describe, expect, it } from "vitest"
import { formatCommand } from "./command.ts"
import { formatResponse } from "./response.ts"

describe("formatting external effects and services", () => {
  it("shows a crashMidway fault on the commands that have it", () => {
    expect(formatCommand({ _tag: "ConsumerProcess", group: "charge", member: "m0", topic: "payments", partition: 1, offset: 4, crashMidway: true }))
      .toBe("ConsumerProcess charge/m0 payments/1@4 crashMidway")
    expect(formatCommand({ _tag: "ServiceWrite", service: "orders", event: "e3", key: "k0" })).toBe("ServiceWrite orders event=e3 key=k0")
    expect(formatCommand({ _tag: "RelayPublish", service: "orders", crashMidway: true })).toBe("RelayPublish orders crashMidway")
    expect(formatCommand({ _tag: "ObserverEffects", group: "charge" })).toBe("ObserverEffects charge")
  })

  it("shows an effect outcome with a conditional update's versions", () => {
    expect(formatResponse({
      _tag: "Processed", group: "g", member: "m0", topic: "t", partition: 0, offset: 2,
      effect: { outcome: "rejected", id: "v7", version: 3, entityVersion: 1 }
    })).toBe("Processed t/0@2 effect=rejected:v7 v3/entity1")
    expect(formatResponse({ _tag: "ProcessCrashed", group: "g", member: "m0", topic: "t", partition: 0, offset: 2, effect: { outcome: "key-recorded", id: "v7" } }))
      .toBe("ProcessCrashed t/0@2 effect=key-recorded:v7")
  })

  it("says whether a crashed service write was committed and sent", () => {
    expect(formatResponse({ _tag: "ServiceCrashed", service: "s", event: "e1", committed: true })).toBe("ServiceCrashed s event=e1 committed unsent")
    expect(formatResponse({ _tag: "ServiceCrashed", service: "s", event: "e1", committed: false, sent: { topic: "t", partition: 0, offset: 3 } }))
      .toBe("ServiceCrashed s event=e1 uncommitted -> t/0@3")
  })

  it("lists effect stores and service tables", () => {
    expect(formatResponse({
      _tag: "EffectsListed", group: "g",
      applied: [{ id: "v1", entity: "k0", atMs: 5 }, { id: "v2", atMs: 9 }],
      remembered: [{ id: "v1", atMs: 5 }],
      entities: [{ entity: "k0", version: 1, value: "v1" }]
    })).toBe("EffectsListed g applied=[v1@k0@5ms v2@9ms] remembered=[v1@5ms] entities=[k0=v1:v1]")
    expect(formatResponse({
      _tag: "ServiceListed", service: "s",
      rows: [{ event: "e0", atMs: 0 }],
      outbox: [{ event: "e0", published: true }, { event: "e1", key: "k1", published: false }]
    })).toBe("ServiceListed s rows=[e0@0ms] outbox=[e0, e1@k1 pending]")
    expect(formatResponse({ _tag: "ServiceListed", service: "s", rows: [], outbox: [] })).toBe("ServiceListed s rows=[]")
  })
})
