/**
 * Data outside the broker: what a group's effect store and a service's
 * tables hold, and what one processing did to an effect store. See
 * `EffectConfig` and `ServiceConfig` in spec/config.ts, `ConsumerProcess` in
 * spec/command/consumer.ts and spec/command/service.ts.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, CountPositive, Name } from "./config.ts"

/**
 * What processing one record did to its group's effect store:
 * - `applied`: the effect was applied (for `idempotency-key` with
 *   `atomic` or `key-then-effect`, its id is remembered too; with
 *   `effect-then-key` too, unless the process crashed midway);
 * - `skipped`: an `idempotency-key` remedy remembered the id: nothing applied;
 * - `rejected`: a `conditional-update` precondition failed: nothing changed;
 * - `key-recorded`: a `key-then-effect` remedy remembered the id and the
 *   process crashed before applying the effect (only in `ProcessCrashed`).
 */
export const EffectOutcomeKind = Schema.Literals(["applied", "skipped", "rejected", "key-recorded"])
/** @see {@link EffectOutcomeKind} */
export type EffectOutcomeKind = typeof EffectOutcomeKind.Type

/**
 * The outcome of one processing in the effect store: its kind, the message's
 * id (the record's value) and, for a keyed record of a `conditional-update`
 * remedy, the message's version and the entity's version before the
 * compare-and-set.
 */
export const EffectOutcome = Schema.Struct({
  outcome: EffectOutcomeKind,
  id: Schema.String,
  version: Schema.optionalKey(CountPositive),
  entityVersion: Schema.optionalKey(Count)
})
/** @see {@link EffectOutcome} */
export type EffectOutcome = typeof EffectOutcome.Type

/** One applied effect in a group's ledger: the message's id, its entity (the record's key, absent when it has none) and when it was applied. */
export const AppliedEffect = Schema.Struct({
  id: Schema.String,
  entity: Schema.optionalKey(Schema.String),
  atMs: Count
})
/** @see {@link AppliedEffect} */
export type AppliedEffect = typeof AppliedEffect.Type

/** An id an `idempotency-key` remedy remembers, and when it was recorded. */
export const RememberedId = Schema.Struct({
  id: Schema.String,
  atMs: Count
})
/** @see {@link RememberedId} */
export type RememberedId = typeof RememberedId.Type

/** A `conditional-update` entity: its version (how many updates it took) and the value of the last one. */
export const EntityState = Schema.Struct({
  entity: Schema.String,
  version: CountPositive,
  value: Schema.String
})
/** @see {@link EntityState} */
export type EntityState = typeof EntityState.Type

/** A committed business row of a service: its event id, key and commit time. */
export const BusinessRow = Schema.Struct({
  event: Name,
  key: Schema.optionalKey(Schema.String),
  atMs: Count
})
/** @see {@link BusinessRow} */
export type BusinessRow = typeof BusinessRow.Type

/** An outbox row of a service: its event id, key and whether the relay marked it published. */
export const OutboxRow = Schema.Struct({
  event: Name,
  key: Schema.optionalKey(Schema.String),
  published: Schema.Boolean
})
/** @see {@link OutboxRow} */
export type OutboxRow = typeof OutboxRow.Type
