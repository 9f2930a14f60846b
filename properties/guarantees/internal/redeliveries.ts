/**
 * Which deliveries of a record to a group are redeliveries, and whether each
 * is *justified*: since the group's previous delivery of the record, the
 * group saw a crash, leave, join, session expiry or new generation (its fault
 * epoch in {@link Replay} moved on), or a member of the group sought that
 * partition to the record's offset or below. The one home of this rule for
 * AtLeastOnceCanDuplicate and KeyOrderRegressesOnlyOnRedelivery.
 *
 * Walk the history once: call {@link Redeliveries.observe} with each entry
 * and the replay *before* the entry is applied.
 *
 * @module
 */
import type { HistoryEntry } from "../../../spec/index.ts"
import { partitionKey, recordKey } from "./keys.ts"
import type { Replay } from "./replay.ts"
import { SeekFloor } from "./seekFloor.ts"

/** What one group was delivered of one record so far. */
export interface DeliveryTally {
  /** Every delivery of the record to the group. */
  deliveries: number
  /** The first delivery, and every justified redelivery. */
  justified: number
  lastDeliveryStep: number
  lastDeliveryEpoch: number
  /** The last redelivery that nothing justified, and the delivery before it. */
  unjustified: { readonly step: number; readonly previousStep: number } | undefined
}

/** The deliveries and seeks of the groups `covers` accepts, as the history shows them. */
export class Redeliveries {
  private readonly tallies = new Map<string, DeliveryTally>()
  private readonly seeks = new Map<string, SeekFloor>()

  constructor(private readonly covers: (group: string) => boolean) {}

  /** The tally of one record in one group, `undefined` before its first delivery there. */
  tally(group: string, topic: string, partition: number, offset: number): DeliveryTally | undefined {
    return this.tallies.get(`${group}\u0000${recordKey(topic, partition, offset)}`)
  }

  /** Whether the group was ever delivered the record again, justified, up to the entries observed so far. */
  justifiedRedelivery(group: string, topic: string, partition: number, offset: number): boolean {
    return (this.tally(group, topic, partition, offset)?.justified ?? 0) >= 2
  }

  /** Folds one entry (`Seeked` and `Polled` answers of a covered group) in, with the replay before it. */
  observe(entry: HistoryEntry, step: number, replay: Replay): void {
    const response = entry.response
    if (response._tag === "Seeked" && this.covers(response.group)) {
      const key = `${response.group}\u0000${partitionKey(response.topic, response.partition)}`
      let floor = this.seeks.get(key)
      if (floor === undefined) this.seeks.set(key, (floor = new SeekFloor()))
      floor.add(step, response.offset)
    } else if (response._tag === "Polled" && this.covers(response.group)) {
      const epoch = replay.group(response.group).epoch
      for (const record of response.records) {
        const key = `${response.group}\u0000${recordKey(record.topic, record.partition, record.offset)}`
        const tally = this.tallies.get(key)
        if (tally === undefined) {
          this.tallies.set(key, { deliveries: 1, justified: 1, lastDeliveryStep: step, lastDeliveryEpoch: epoch, unjustified: undefined })
          continue
        }
        const soughtTo = this.seeks
          .get(`${response.group}\u0000${partitionKey(record.topic, record.partition)}`)
          ?.lowestAfter(tally.lastDeliveryStep)
        const soughtBack = soughtTo !== undefined && soughtTo <= record.offset
        if (epoch !== tally.lastDeliveryEpoch || soughtBack) tally.justified += 1
        else tally.unjustified = { step, previousStep: tally.lastDeliveryStep }
        tally.deliveries += 1
        tally.lastDeliveryStep = step
        tally.lastDeliveryEpoch = epoch
      }
    }
  }
}
