/**
 * The services' databases in memory (the default layer): each method is one
 * atomic update of one service's tables, as one local transaction.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import * as AppendLog from "../internal/appendLog.ts"
import {
  firstUnpublished,
  serviceDatabasesOf,
  type ServiceDatabases,
  withOutboxRow,
  withPublished,
  withRow
} from "./internal/serviceDatabases.ts"
import { ServiceStore, type ServiceStoreShape } from "./serviceStoreShape.ts"

/** The service store over these databases (a mutant reuses it and replaces one method). */
export const serviceStoreOver = (databases: ServiceDatabases): ServiceStoreShape => ({
  holds(service, event) {
    return databases.read(service).events.has(event)
  },
  writeWithOutbox(service, row, crashBeforeCommit) {
    return crashBeforeCommit
      ? false
      : databases.transact(service, (tables) => [true, withOutboxRow(withRow(tables, row), row)] as const)
  },
  commitRow(service, row) {
    return databases.transact(service, (tables) => [undefined, withRow(tables, row)] as const)
  },
  nextUnpublished(service) {
    return firstUnpublished(databases.read(service))
  },
  markPublished(service, event) {
    return databases.transact(service, (tables) => [undefined, withPublished(tables, event)] as const)
  },
  list(service) {
    const tables = databases.read(service)
    return { rows: AppendLog.slice(tables.rows, 0, tables.rows.length), outbox: Array.from(tables.outbox.values()) }
  }
})

/** Empty in-memory service databases. */
export const serviceStoreMemoryOf = (): ServiceStoreShape => serviceStoreOver(serviceDatabasesOf())

/** Builds empty in-memory service databases. */
export const makeServiceStoreMemory: Effect.Effect<ServiceStoreShape> = Effect.sync(serviceStoreMemoryOf)

/** The services' databases in memory, empty. */
export const serviceStoreMemoryLayer: Layer.Layer<ServiceStore> = Layer.effect(ServiceStore, makeServiceStoreMemory)
