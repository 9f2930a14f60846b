/**
 * Which producers are which: plain, idempotent, or transactional (with their
 * transactional id), from `Config.producers` and the member producers
 * `<group>/<member>` of `exactly-once` groups (see `spec/command/producer.ts`).
 *
 * @module
 */
import type { World } from "../world.ts"

/** What a producer is: idempotent or not, and its transactional id when it is transactional. */
export interface ProducerKind {
  readonly idempotent: boolean
  readonly transactionalId: string | undefined
}

/** A producer the config does not name: not idempotent, not transactional. */
export const producerKindPlain: ProducerKind = { idempotent: false, transactionalId: undefined }

/**
 * The kind of the producer called `name`: its entry of `Config.producers`;
 * else, when it is `<group>/<member>` for an `exactly-once` group (a non-empty
 * member name after the group's name and `/`), transactional with `name` as
 * its transactional id; else plain.
 */
export const producerKindOf = (world: World, name: string): ProducerKind => {
  const configured = world.producerKinds.get(name)
  if (configured !== undefined) return configured
  for (const group of world.exactlyOnceGroupNames) {
    if (name.length > group.length + 1 && name.charCodeAt(group.length) === 47 && name.startsWith(group)) {
      return { idempotent: true, transactionalId: name }
    }
  }
  return producerKindPlain
}
