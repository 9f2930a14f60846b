/**
 * What processing one record writes to its group's effect store, write by
 * write, by the group's `EffectConfig` (step 5 of `ConsumerProcess` in
 * spec/command/consumer.ts): `none` applies; `idempotency-key` skips a
 * remembered id, else applies and remembers in its `DedupOrder` (one write
 * or two); `conditional-update` compares and sets the record's entity (its
 * key) by the message's version, or applies a keyless record unconditionally.
 *
 * @module
 */
import type { EffectConfig } from "../../spec/config.ts"
import { dedupOrderOf } from "../../spec/config.ts"
import type { AppliedEffect, EffectOutcome } from "../../spec/effect.ts"
import type { LogRecord } from "../../spec/record.ts"
import type { PartitionLog } from "../log.ts"
import type { EffectStore } from "./effectStore.ts"
import { applyEffect, entityVersion, rememberId, remembers, updateEntity } from "./effectStore.ts"
import { messageVersion } from "./messageVersion.ts"

/**
 * The writes of one processing: the store after each of them, in order (none
 * for a skipped duplicate), the outcome once all are done, and the outcome
 * when the process dies right after the first one (`crashMidway`).
 */
export interface EffectWrites {
  readonly stores: ReadonlyArray<EffectStore>
  readonly outcome: EffectOutcome
  readonly outcomeAfterFirst: EffectOutcome
}

/** The writes of an `idempotency-key` remedy: a skip, or the effect and the key in the group's `DedupOrder`. */
const idempotencyKeyWrites = (store: EffectStore, effect: EffectConfig, applied: AppliedEffect, nowMs: number): EffectWrites => {
  const id = applied.id
  if (remembers(store, id, nowMs, effect.dedupWindowMs)) {
    const outcome: EffectOutcome = { outcome: "skipped", id }
    return { stores: [], outcome, outcomeAfterFirst: outcome }
  }
  const outcome: EffectOutcome = { outcome: "applied", id }
  switch (dedupOrderOf(effect)) {
    case "atomic":
      return { stores: [rememberId(applyEffect(store, applied), id, nowMs)], outcome, outcomeAfterFirst: outcome }
    case "key-then-effect": {
      const keyed = rememberId(store, id, nowMs)
      return { stores: [keyed, applyEffect(keyed, applied)], outcome, outcomeAfterFirst: { outcome: "key-recorded", id } }
    }
    case "effect-then-key": {
      const effected = applyEffect(store, applied)
      return { stores: [effected, rememberId(effected, id, nowMs)], outcome, outcomeAfterFirst: outcome }
    }
  }
}

/**
 * The writes processing `record` performs at `nowMs` on `store` by `effect`;
 * `log` is the record's partition log (a conditional update's version is
 * computed from it).
 */
export const effectWrites = (store: EffectStore, effect: EffectConfig, record: LogRecord, nowMs: number, log: PartitionLog): EffectWrites => {
  const id = record.value
  const applied: AppliedEffect = record.key === undefined ? { id, atMs: nowMs } : { id, entity: record.key, atMs: nowMs }
  switch (effect.remedy) {
    case "none": {
      const outcome: EffectOutcome = { outcome: "applied", id }
      return { stores: [applyEffect(store, applied)], outcome, outcomeAfterFirst: outcome }
    }
    case "idempotency-key":
      return idempotencyKeyWrites(store, effect, applied, nowMs)
    case "conditional-update": {
      const key = record.key
      if (key === undefined) {
        const outcome: EffectOutcome = { outcome: "applied", id }
        return { stores: [applyEffect(store, applied)], outcome, outcomeAfterFirst: outcome }
      }
      const version = messageVersion(log, { ...record, key })
      const before = entityVersion(store, key)
      if (version !== before + 1) {
        const outcome: EffectOutcome = { outcome: "rejected", id, version, entityVersion: before }
        return { stores: [store], outcome, outcomeAfterFirst: outcome }
      }
      const outcome: EffectOutcome = { outcome: "applied", id, version, entityVersion: before }
      return { stores: [updateEntity(applyEffect(store, applied), key, version, id)], outcome, outcomeAfterFirst: outcome }
    }
  }
}
