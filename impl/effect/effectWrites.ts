/**
 * The external effect of processing one record (step 5 of `ConsumerProcess`,
 * its first part): the writes a group's `EffectConfig` makes in its effect
 * store, in the spec's order, and where a midway crash stops them.
 *
 * @module
 */
import { dedupOrderOf, type EffectConfig } from "../../spec/config.ts"
import type { AppliedEffect, EffectOutcome } from "../../spec/effect.ts"
import type { LogRecord } from "../../spec/record.ts"
import type { Services } from "../services.ts"

/** What the effect did: its outcome, and whether it wrote anything (a skipped duplicate writes nothing). */
export interface EffectWritten {
  readonly outcome: EffectOutcome
  readonly wrote: boolean
}

/**
 * The effect writes of a record's processing, in the session's effect store.
 * `stopAfterFirstWrite` is a `crashMidway`: the process dies right after the
 * first write, so a `key-then-effect` remedy leaves its key recorded
 * (`key-recorded`) and an `effect-then-key` remedy its effect applied
 * without its key.
 */
export const writeEffect = (
  s: Services,
  group: string,
  effect: EffectConfig,
  record: LogRecord,
  nowMs: number,
  stopAfterFirstWrite: boolean
): EffectWritten => {
  const { effectStore: store, messageVersions: versionOf } = s
  const id = record.value
  const applied: AppliedEffect = record.key === undefined ? { id, atMs: nowMs } : { id, entity: record.key, atMs: nowMs }
  const outcome = (kind: EffectOutcome["outcome"]): EffectWritten => ({ outcome: { outcome: kind, id }, wrote: kind !== "skipped" })
  switch (effect.remedy) {
    case "none": {
      store.apply(group, applied)
      return outcome("applied")
    }
    case "idempotency-key": {
      if (store.remembers(group, applied)) return outcome("skipped")
      switch (dedupOrderOf(effect)) {
        case "atomic": {
          store.applyAndRemember(group, applied)
          return outcome("applied")
        }
        case "key-then-effect": {
          store.remember(group, applied)
          if (stopAfterFirstWrite) return outcome("key-recorded")
          store.apply(group, applied)
          return outcome("applied")
        }
        case "effect-then-key": {
          store.apply(group, applied)
          if (stopAfterFirstWrite) return outcome("applied")
          store.remember(group, applied)
          return outcome("applied")
        }
      }
    }
    case "conditional-update": {
      const entity = record.key
      if (entity === undefined) {
        // No key, no entity: the effect is applied unconditionally.
        store.apply(group, applied)
        return outcome("applied")
      }
      const version = versionOf(record.topic, record.partition, entity, id)
      const result = store.compareAndSet(group, { ...applied, entity }, version, id)
      return {
        outcome: { outcome: result.applied ? "applied" : "rejected", id, version, entityVersion: result.versionBefore },
        wrote: true
      }
    }
  }
}
