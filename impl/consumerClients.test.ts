import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { BrokerConfig } from "./brokerConfig.ts"
import { ConsumerClients } from "./consumerClients.ts"
import { isBrokerError, UnknownMember } from "./errors.ts"
import { singleGroup } from "./internal/testRun.ts"
import { thrownBy } from "./internal/testThrown.ts"
import { LogStore } from "./logStore.ts"
import { OffsetStore } from "./offsetStore.ts"

const clientsLayer = ConsumerClients.layer.pipe(
  Layer.provide(Layer.mergeAll(LogStore.layer, OffsetStore.layer)),
  Layer.provide(BrokerConfig.layerFor(singleGroup(1)))
)

/** Fresh consumer clients of one group `g`. */
const freshClients = () => Effect.runPromise(Effect.service(ConsumerClients).pipe(Effect.provide(clientsLayer)))

const unknownMember = new UnknownMember({ group: "g", member: "a" })

describe("ConsumerClients", () => {
  it("throws UnknownMember for every call on a member without a client", async () => {
    const clients = await freshClients()
    expect(thrownBy(() => clients.running("g", "a"))).toStrictEqual(unknownMember)
    expect(thrownBy(() => clients.poll("g", "a", 3))).toStrictEqual(unknownMember)
    expect(thrownBy(() => clients.sync("g", "a", 1, []))).toStrictEqual(unknownMember)
    expect(thrownBy(() => clients.seek("g", "a", "t", 0, 0))).toStrictEqual(unknownMember)
    expect(thrownBy(() => clients.process("g", "a", "t", 0, 0))).toStrictEqual(unknownMember)
  })

  it("throws UnknownMember once the member's client is destroyed", async () => {
    const clients = await freshClients()
    clients.start("g", "a", 1, [{ topic: "t", partition: 0 }])
    clients.poll("g", "a", 3)
    clients.destroy("g", "a")
    expect(thrownBy(() => clients.poll("g", "a", 3))).toStrictEqual(unknownMember)
  })

  it("throws a defect (not a broker error) on a group that is not configured", async () => {
    const clients = await freshClients()
    const thrown = thrownBy(() => clients.poll("h", "a", 3))
    expect(isBrokerError(thrown)).toBe(false)
    expect(String(thrown)).toContain("ConsumerClients: no group h")
  })
})
