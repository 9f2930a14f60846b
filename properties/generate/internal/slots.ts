/**
 * The member slots generated commands may address, flattened over groups.
 *
 * @module
 */
import type { Driver, GroupView, MemberView } from "../../driver/driver.ts"

/** One member slot of one group. */
export interface Slot {
  readonly group: GroupView
  readonly member: MemberView
}

/** The slots `m0..` of every group (the drain's member excluded), group by group. */
export const slotsOf = (driver: Driver, membersPerGroupMax: number): ReadonlyArray<Slot> => {
  const slots: Array<Slot> = []
  for (const group of driver.groups) {
    for (let i = 0; i < membersPerGroupMax && i < group.members.length; i++) slots.push({ group, member: group.members[i] })
  }
  return slots
}

/** Picks one element by a choice field (shrinking the field picks earlier elements). */
export const pick = <A>(items: ReadonlyArray<A>, field: number): A => items[field % items.length]

/** A name not in `taken`: `base`, else `base-1`, `base-2`, ... */
export const freshName = (base: string, taken: ReadonlyArray<string>): string => {
  if (!taken.includes(base)) return base
  let i = 1
  while (taken.includes(`${base}-${i}`)) i++
  return `${base}-${i}`
}
