import { Cause, Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { BrokerConfig } from "./brokerConfig.ts"
import { ConsumerClients } from "./consumerClients.ts"
import { UnknownMember } from "./errors.ts"
import { singleGroup } from "./internal/testRun.ts"
import { LogStore } from "./logStore.ts"
import { OffsetStore } from "./offsetStore.ts"

const clientsLayer = ConsumerClients.layer.pipe(
  Layer.provide(Layer.mergeAll(LogStore.layer, OffsetStore.layer)),
  Layer.provide(BrokerConfig.layerFor(singleGroup(1)))
)

/** Runs `f` on fresh consumer clients of one group `g`. */
const withClients = <A, E>(f: (clients: typeof ConsumerClients.Service) => Effect.Effect<A, E>) =>
  Effect.runPromise(Effect.exit(Effect.flatMap(Effect.service(ConsumerClients), f).pipe(Effect.provide(clientsLayer))))

const unknownMember = Exit.fail(new UnknownMember({ group: "g", member: "a" }))

describe("ConsumerClients", () => {
  it("fails with UnknownMember for every call on a member without a client", async () => {
    expect(await withClients((clients) => clients.running("g", "a"))).toStrictEqual(unknownMember)
    expect(await withClients((clients) => clients.poll("g", "a", 3))).toStrictEqual(unknownMember)
    expect(await withClients((clients) => clients.sync("g", "a", 1, []))).toStrictEqual(unknownMember)
    expect(await withClients((clients) => clients.seek("g", "a", "t", 0, 0))).toStrictEqual(unknownMember)
    expect(await withClients((clients) => clients.process("g", "a", "t", 0, 0))).toStrictEqual(unknownMember)
  })

  it("fails with UnknownMember once the member's client is destroyed", async () => {
    const exit = await withClients((clients) =>
      Effect.gen(function*() {
        yield* clients.start("g", "a", 1, [{ topic: "t", partition: 0 }])
        yield* clients.poll("g", "a", 3)
        yield* clients.destroy("g", "a")
        return yield* clients.poll("g", "a", 3)
      })
    )
    expect(exit).toStrictEqual(unknownMember)
  })

  it("dies on a group that is not configured", async () => {
    const exit = await withClients((clients) => clients.poll("h", "a", 3))
    expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(true)
    expect(Exit.isFailure(exit) && Cause.pretty(exit.cause)).toContain("ConsumerClients: no group h")
  })
})
