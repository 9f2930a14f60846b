/**
 * What each group's application remembers of the records it dead-lettered,
 * for `DeadLetterRedrive`: in publishing order, where each went and where it
 * came from, with its key and value, until a redrive sends it back. The
 * application keeps this itself, so a dead-letter record that retention
 * deleted is redriven all the same.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { PartitionOffset } from "../../spec/record.ts"

/** One dead-lettered record: its place in the dead-letter topic, its source partition (the header's), its key and value. */
export interface DeadLetterEntry {
  readonly deadLetter: PartitionOffset
  readonly topic: string
  readonly partition: number
  readonly key: string | undefined
  readonly value: string
}

/** The groups' dead-letter ledgers (every method names a group). */
export interface DeadLetterLedgerShape {
  /** Remembers a record the group just published to its dead-letter topic. */
  readonly published: (group: string, entry: DeadLetterEntry) => void
  /** The group's records not redriven yet, in publishing order; from now on they count as redriven. */
  readonly takeUnredriven: (group: string) => ReadonlyArray<DeadLetterEntry>
}

const none: ReadonlyArray<DeadLetterEntry> = []

/** Empty ledgers. */
export const deadLetterLedgerOf = (): DeadLetterLedgerShape => {
  const pending = new Map<string, ReadonlyArray<DeadLetterEntry>>()
  return {
    published(group, entry) {
      pending.set(group, [...(pending.get(group) ?? none), entry])
    },
    takeUnredriven(group) {
      const entries = pending.get(group) ?? none
      pending.delete(group)
      return entries
    }
  }
}

/** {@link deadLetterLedgerOf}, as an Effect. */
export const makeDeadLetterLedger: Effect.Effect<DeadLetterLedgerShape> = Effect.sync(deadLetterLedgerOf)

/** The groups' ledgers of dead-lettered records. */
export class DeadLetterLedger extends Context.Service<DeadLetterLedger, DeadLetterLedgerShape>()("qsem/impl/DeadLetterLedger") {
  /** Empty ledgers. */
  static readonly layer: Layer.Layer<DeadLetterLedger> = Layer.effect(DeadLetterLedger, makeDeadLetterLedger)
}
