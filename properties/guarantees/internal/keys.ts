/**
 * Map keys and display forms for partitions, records and members.
 *
 * Keys join their parts with a NUL character, which no name of a readable
 * config contains, so two different parts never share a key.
 *
 * @module
 */

/** The map key of one partition of one topic. */
export const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`

/** The map key of one record position (topic, partition, offset). */
export const recordKey = (topic: string, partition: number, offset: number): string =>
  `${topic}\u0000${partition}\u0000${offset}`

/** The map key of one member of one group. */
export const memberKey = (group: string, member: string): string => `${group}\u0000${member}`

/** A partition as messages show it: `orders/1`. */
export const showPartition = (topic: string, partition: number): string => `${topic}/${partition}`

/** A record position as messages show it: `orders/1@3`. */
export const showRecord = (topic: string, partition: number, offset: number): string =>
  `${topic}/${partition}@${offset}`

/** An ordinal for messages: 1st, 2nd, 3rd, 4th, ... */
export const ordinal = (n: number): string => {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  switch (n % 10) {
    case 1:
      return `${n}st`
    case 2:
      return `${n}nd`
    case 3:
      return `${n}rd`
    default:
      return `${n}th`
  }
}
