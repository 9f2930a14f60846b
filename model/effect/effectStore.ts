/**
 * A consumer group's effect store: the external system its processing
 * applies effects to (a payments ledger, a database table), outside the
 * broker. It holds the ledger of applied effects, the ids an
 * `idempotency-key` remedy recorded (with their recording time) and the
 * entities of a `conditional-update` remedy. Persistent like the rest of the
 * state: every write is an O(1) append, and old stores stay valid.
 *
 * @module
 */
import type { AppliedEffect, EntityState, RememberedId } from "../../spec/effect.ts"
import * as Seq from "../internal/seq.ts"
import { seqKeyIndex } from "../internal/seqKeyIndex.ts"
import { compareNames } from "../assignor.ts"

/**
 * One group's effect store. `recordings` and `updates` are append-only
 * logs: an id's latest recording and an entity's latest update are its
 * current state.
 */
export interface EffectStore {
  /** The applied effects, in the order they were applied. */
  readonly applied: Seq.Seq<AppliedEffect>
  /** Every recording of an id, in recording order. */
  readonly recordings: Seq.Seq<RememberedId>
  /** Every successful compare-and-set, in order. */
  readonly updates: Seq.Seq<EntityState>
}

/** A store with nothing applied, remembered or updated. */
export const effectStoreEmpty = (): EffectStore => ({ applied: Seq.empty(), recordings: Seq.empty(), updates: Seq.empty() })

const recordingIndex = seqKeyIndex<RememberedId>((recording) => recording.id)
const updateIndex = seqKeyIndex<EntityState>((update) => update.entity)

/**
 * Whether the store remembers `id` at `nowMs`: its latest recording is less
 * than `windowMs` old (`nowMs < recordedAtMs + windowMs`), or it has one and
 * there is no window.
 */
export const remembers = (store: EffectStore, id: string, nowMs: number, windowMs: number | undefined): boolean => {
  const recording = recordingIndex.lastOf(store.recordings, id)
  return recording !== undefined && (windowMs === undefined || nowMs < recording.atMs + windowMs)
}

/** The store with `effect` appended to its ledger. */
export const applyEffect = (store: EffectStore, effect: AppliedEffect): EffectStore => ({
  applied: Seq.append(store.applied, effect),
  recordings: store.recordings,
  updates: store.updates
})

/** The store remembering `id` as recorded at `atMs` (replacing an older recording). */
export const rememberId = (store: EffectStore, id: string, atMs: number): EffectStore => ({
  applied: store.applied,
  recordings: Seq.append(store.recordings, { id, atMs }),
  updates: store.updates
})

/** The entity's version: that of its latest update, 0 when it has none. */
export const entityVersion = (store: EffectStore, entity: string): number => updateIndex.lastOf(store.updates, entity)?.version ?? 0

/** The store with the entity set to (`version`, `value`). */
export const updateEntity = (store: EffectStore, entity: string, version: number, value: string): EffectStore => ({
  applied: store.applied,
  recordings: store.recordings,
  updates: Seq.append(store.updates, { entity, version, value })
})

/** The ids remembered at `nowMs` (expired ones left out), sorted by `atMs`, then id (plain string order). */
export const rememberedAt = (store: EffectStore, nowMs: number, windowMs: number | undefined): Array<RememberedId> =>
  recordingIndex
    .lastOfEach(store.recordings)
    .filter((recording) => windowMs === undefined || nowMs < recording.atMs + windowMs)
    .sort((a, b) => a.atMs - b.atMs || compareNames(a.id, b.id))

/** Every entity with its current version and value, sorted by entity (plain string order). */
export const entitiesOf = (store: EffectStore): Array<EntityState> =>
  updateIndex.lastOfEach(store.updates).sort((a, b) => compareNames(a.entity, b.entity))
