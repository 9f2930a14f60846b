/**
 * Which producers are which: a name the config lists under `producers` has
 * that entry's `idempotent` and `transactionalId`; `<group>/<member>` of an
 * `exactly-once` group is transactional with that name as its transactional
 * id; every other name is plain (not idempotent), as before producers were
 * configurable.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"

/** What kind of producer a name is. */
export interface ProducerKind {
  /** Whether the producer numbers its sends (a transactional producer always does). */
  readonly idempotent: boolean
  /** The transactional id of a transactional producer. */
  readonly transactionalId: string | undefined
}

/** A plain producer: not idempotent, not transactional. */
export const producerPlain: ProducerKind = { idempotent: false, transactionalId: undefined }

/** The kind of every producer name under a config (looked up once per configured name, then by prefix). */
export const producerKindsOf = (config: Config): (name: string) => ProducerKind => {
  const configured = new Map<string, ProducerKind>()
  for (const producer of config.producers ?? []) {
    configured.set(producer.name, {
      idempotent: producer.idempotent || producer.transactionalId !== undefined,
      transactionalId: producer.transactionalId
    })
  }
  const memberPrefixes = config.groups.filter((group) => group.mode === "exactly-once").map((group) => `${group.name}/`)
  return (name) => {
    const kind = configured.get(name)
    if (kind !== undefined) return kind
    for (const prefix of memberPrefixes) {
      if (name.length > prefix.length && name.startsWith(prefix)) return { idempotent: true, transactionalId: name }
    }
    return producerPlain
  }
}
