/**
 * What lies outside the broker, as a listing shows it: an effect outcome
 * (`effect=applied:v3`, `effect=rejected:v7 v2/entity1`), a ledger, remembered
 * ids, entities, business and outbox rows.
 *
 * @internal
 * @module
 */
import type { AppliedEffect, BusinessRow, EffectOutcome, EntityState, OutboxRow, RememberedId } from "../../../spec/effect.ts"
import { formatName } from "./name.ts"

/** `applied:v3`, with `v2/entity1` (the message's version, the entity's before) for a conditional update of a keyed record. */
export const formatEffectOutcome = (effect: EffectOutcome): string =>
  `${effect.outcome}:${formatName(effect.id)}${
    effect.version === undefined ? "" : ` v${effect.version}/entity${effect.entityVersion ?? 0}`
  }`

/** `v3@k0@120ms`: an applied effect, its entity when it has one, and when. */
export const formatAppliedEffect = (applied: AppliedEffect): string =>
  `${formatName(applied.id)}${applied.entity === undefined ? "" : `@${formatName(applied.entity)}`}@${applied.atMs}ms`

/** `v3@120ms`: a remembered id and when it was recorded. */
export const formatRememberedId = (remembered: RememberedId): string => `${formatName(remembered.id)}@${remembered.atMs}ms`

/** `k0=v2:v7`: an entity, its version and its value. */
export const formatEntityState = (entity: EntityState): string =>
  `${formatName(entity.entity)}=v${entity.version}:${formatName(entity.value)}`

/** `e3@k0@40ms`: a committed business row, its key when it has one, and its commit time. */
export const formatBusinessRow = (row: BusinessRow): string =>
  `${formatName(row.event)}${row.key === undefined ? "" : `@${formatName(row.key)}`}@${row.atMs}ms`

/** `e3@k0` (published) or `e3@k0 pending`: an outbox row. */
export const formatOutboxRow = (row: OutboxRow): string =>
  `${formatName(row.event)}${row.key === undefined ? "" : `@${formatName(row.key)}`}${row.published ? "" : " pending"}`

/** `[a b c]`: a list of rendered items, one space apart, or one comma apart when an item has a space (a pending outbox row). */
export const formatList = <A>(items: ReadonlyArray<A>, format: (item: A) => string): string =>
  `[${items.map(format).join(items.some((item) => format(item).includes(" ")) ? ", " : " ")}]`
