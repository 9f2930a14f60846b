/**
 * The effect store: per consumer group, the external system its processing
 * applies effects to (a payments ledger, a database table), outside the
 * broker. The shape is shared by its two layers, in memory
 * (`effectStoreMemory.ts`, the default, for lockstep speed) and in an
 * embedded SQL database (`effectStoreSql.ts`), and by the mutants that break
 * it. Each method is one transaction of the external system.
 *
 * @module
 */
import { Context } from "effect"
import type { AppliedEffect, EntityState, RememberedId } from "../../spec/effect.ts"

/** What `ObserverEffects` lists for a group (see spec/command/observer.ts). */
export interface EffectsListing {
  readonly applied: ReadonlyArray<AppliedEffect>
  readonly remembered: ReadonlyArray<RememberedId>
  readonly entities: ReadonlyArray<EntityState>
}

/** The outcome of a compare-and-set: whether it applied, and the entity's version before. */
export interface CompareAndSetResult {
  readonly applied: boolean
  readonly versionBefore: number
}

/**
 * One group's view of the effect store. `effect.atMs` is the broker's
 * `nowMs`; the dedup window is the group's `effect.dedupWindowMs` from the
 * config (none: remembered forever).
 */
export interface EffectStoreShape {
  /** Whether `group` remembers `effect.id` at `effect.atMs`: recorded less than the window before (or ever, without a window). */
  readonly remembers: (group: string, effect: AppliedEffect) => boolean
  /** Remembers `effect.id` as recorded at `effect.atMs` (a new recording replaces an older one). */
  readonly remember: (group: string, effect: AppliedEffect) => void
  /** Appends `effect` to the group's ledger of applied effects. */
  readonly apply: (group: string, effect: AppliedEffect) => void
  /** Appends `effect` to the ledger and remembers its id, in one transaction. */
  readonly applyAndRemember: (group: string, effect: AppliedEffect) => void
  /**
   * In one transaction: when the entity `effect.entity` is at `version - 1`
   * (0 when it has no row), sets it to (`version`, `value`) and appends
   * `effect` to the ledger; otherwise changes nothing.
   */
  readonly compareAndSet: (
    group: string,
    effect: AppliedEffect & { readonly entity: string },
    version: number,
    value: string
  ) => CompareAndSetResult
  /** The group's ledger (in application order), the ids it remembers at `nowMs` (by `atMs`, then id) and its entities (by entity). */
  readonly list: (group: string, nowMs: number) => EffectsListing
}

/** The effect stores of the consumer groups (one service; each method names its group). */
export class EffectStore extends Context.Service<EffectStore, EffectStoreShape>()("qsem/impl/EffectStore") {}
