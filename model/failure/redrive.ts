/**
 * The ledger behind `DeadLetterRedrive` (spec/command/failure.ts): a group's
 * application remembers every record it published to its dead-letter topic,
 * in publish order (where the original came from, its key and value, where
 * the dead-letter record went), and how many of them it redrove, so each is
 * redriven once. It keeps the key and value itself, so a dead-letter record
 * retention deleted is redriven all the same. The appends are
 * `model/commands/deadLetterRedrive.ts`'s.
 *
 * @module
 */
import type { PartitionOffset } from "../../spec/record.ts"
import * as Seq from "../internal/seq.ts"

/** One dead-lettering: the source partition of the original record, its key and value, and where the dead-letter record went. */
export interface DeadLettering {
  readonly sourceTopicIndex: number
  readonly sourcePartition: number
  readonly key: string | undefined
  readonly value: string
  readonly deadLetter: PartitionOffset
}

/** A group's dead-letterings in publish order; the first `redrivenCount` of them were redriven. */
export interface DeadLetterLedger {
  readonly entries: Seq.Seq<DeadLettering>
  readonly redrivenCount: number
}

/** An empty ledger (with its own backing array). */
export const deadLetterLedgerEmpty = (): DeadLetterLedger => ({ entries: Seq.empty(), redrivenCount: 0 })

/** The ledger with one more dead-lettering. */
export const ledgerAppend = (ledger: DeadLetterLedger, entry: DeadLettering): DeadLetterLedger => ({
  entries: Seq.append(ledger.entries, entry),
  redrivenCount: ledger.redrivenCount
})

/** The dead-letterings not redriven yet, in publish order (a fresh array, possibly empty). */
export const ledgerPending = (ledger: DeadLetterLedger): ReadonlyArray<DeadLettering> =>
  Seq.toArray(ledger.entries).slice(ledger.redrivenCount)

/** The ledger with every dead-lettering redriven (the same ledger when none was pending). */
export const ledgerRedriven = (ledger: DeadLetterLedger): DeadLetterLedger => {
  const size = Seq.size(ledger.entries)
  return ledger.redrivenCount === size ? ledger : { entries: ledger.entries, redrivenCount: size }
}
