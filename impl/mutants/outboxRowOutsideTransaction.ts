/**
 * `mutant:outbox-row-outside-transaction`: the outbox row is inserted on its
 * own (autocommitted, or through another connection) before the business
 * transaction begins, so a service that dies inside its transaction leaves
 * an outbox row whose business write rolled back, and the relay publishes an
 * event that never happened. Breaks `OutboxNeverPublishesAnUncommittedEvent`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeServiceDatabases, withOutboxRow, withRow } from "../service/internal/serviceDatabases.ts"
import { serviceStoreOver } from "../service/serviceStoreMemory.ts"
import { ServiceStore } from "../service/serviceStoreShape.ts"
import type { Target } from "../target.ts"

/** A service store that commits the outbox row first, then the business row in a transaction of its own. */
export const serviceStoreOutboxFirstLayer = Layer.effect(
  ServiceStore,
  Effect.map(makeServiceDatabases, (databases) => ({
    ...serviceStoreOver(databases),
    writeWithOutbox: (service, row, crashBeforeCommit) => {
      databases.transact(service, (tables) => [undefined, withOutboxRow(tables, row)] as const)
      if (crashBeforeCommit) return false
      return databases.transact(service, (tables) => [true, withRow(tables, row)] as const)
    }
  }))
)

/** The built-in broker with {@link serviceStoreOutboxFirstLayer}. */
export const outboxRowOutsideTransaction: Target = makeBrokerTarget("mutant:outbox-row-outside-transaction", {
  serviceStore: serviceStoreOutboxFirstLayer
})
