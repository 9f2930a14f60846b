/**
 * Member slots and small picking helpers for the generator.
 *
 * @module
 */
import type { GroupView, MemberView } from "../../driver/driver.ts"

/** One member slot of one group. */
export interface Slot {
  readonly group: GroupView
  readonly member: MemberView
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
