/**
 * Which producers are which, as the config says (see `spec/command/producer.ts`):
 * a name the config lists under `producers` has that entry's `idempotent` and
 * `transactionalId`; `<group>/<member>` of an `exactly-once` group is
 * transactional with that name as its transactional id; any other name is
 * plain.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"
import { memberProducerName } from "../../../spec/index.ts"

/** What the config makes of one producer name. */
export interface ProducerKind {
  readonly idempotent: boolean
  /** Its transactional id, when it is transactional. */
  readonly transactionalId: string | undefined
  /** The `exactly-once` group whose member's producer this is, if any. */
  readonly group: string | undefined
}

const plain: ProducerKind = { idempotent: false, transactionalId: undefined, group: undefined }

/** The kinds of producer names under one config (a name it does not know is plain). */
export class ProducerKinds {
  private readonly configured: ReadonlyMap<string, ProducerKind>
  private readonly exactlyOnceGroups: ReadonlyArray<string>

  constructor(config: Config) {
    this.configured = new Map(
      (config.producers ?? []).map((producer) => [
        producer.name,
        { idempotent: producer.idempotent || producer.transactionalId !== undefined, transactionalId: producer.transactionalId, group: undefined }
      ])
    )
    this.exactlyOnceGroups = config.groups.filter((group) => group.mode === "exactly-once").map((group) => group.name)
  }

  /** The kind of the producer `name`. */
  of(name: string): ProducerKind {
    const configured = this.configured.get(name)
    if (configured !== undefined) return configured
    for (const group of this.exactlyOnceGroups) {
      if (name.startsWith(`${group}/`) && name.length > group.length + 1) {
        return { idempotent: true, transactionalId: name, group }
      }
    }
    return plain
  }

  /** The producer of member `member` of group `group` when that group is `exactly-once`, else `undefined`. */
  memberProducer(group: string, member: string): string | undefined {
    return this.exactlyOnceGroups.includes(group) ? memberProducerName(group, member) : undefined
  }
}
