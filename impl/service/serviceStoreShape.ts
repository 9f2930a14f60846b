/**
 * The services' databases: per service, its business table and its outbox
 * table (spec/command/service.ts). The shape is shared by its two layers, in
 * memory (`serviceStoreMemory.ts`, the default) and in an embedded SQL
 * database (`serviceStoreSql.ts`, where the outbox write is real SQL inside
 * a real transaction), and by the mutants that break it. Each method is one
 * transaction of the service's database.
 *
 * @module
 */
import { Context } from "effect"
import type { BusinessRow, OutboxRow } from "../../spec/effect.ts"

/** What `ObserverService` lists for a service. */
export interface ServiceListing {
  readonly rows: ReadonlyArray<BusinessRow>
  readonly outbox: ReadonlyArray<OutboxRow>
}

/** One service's database, by service name. */
export interface ServiceStoreShape {
  /** Whether the business table holds `event`. */
  readonly holds: (service: string, event: string) => boolean
  /**
   * One local transaction inserts the business row and an unpublished outbox
   * row with the same event and key, then commits. With `crashBeforeCommit`
   * the service dies before the commit and the transaction rolls back.
   * Answers whether it committed.
   */
  readonly writeWithOutbox: (service: string, row: BusinessRow, crashBeforeCommit: boolean) => boolean
  /** Commits the business row alone (the database half of a dual write). */
  readonly commitRow: (service: string, row: BusinessRow) => void
  /** The oldest (first inserted) unpublished outbox row, if any. */
  readonly nextUnpublished: (service: string) => OutboxRow | undefined
  /** Marks the outbox row of `event` published. */
  readonly markPublished: (service: string, event: string) => void
  /** The business rows in commit order and the outbox rows in insertion order. */
  readonly list: (service: string) => ServiceListing
}

/** The services' databases (one service; each method names its service). */
export class ServiceStore extends Context.Service<ServiceStore, ServiceStoreShape>()("qsem/impl/ServiceStore") {}
