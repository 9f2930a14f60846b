/**
 * Updating one group or one member of the application's view.
 *
 * @module
 */
import type { Driver, GroupView, MemberView } from "../driver.ts"

/** The index of group `name` in the view, or -1. */
export const groupIndexOf = (driver: Driver, name: string): number => {
  const groups = driver.groups
  for (let i = 0; i < groups.length; i++) if (groups[i].name === name) return i
  return -1
}

/** The view with group `name` replaced by `f` of it (unknown groups leave it as it is). */
export const withGroup = (driver: Driver, name: string, f: (group: GroupView) => GroupView): Driver => {
  const index = groupIndexOf(driver, name)
  if (index < 0) return driver
  const groups = driver.groups.slice()
  groups[index] = f(groups[index])
  return { ...driver, groups }
}

/**
 * The view with one member replaced by `f` of it (and its group's generation
 * set, when given). Unknown groups and members leave the view as it is.
 */
export const updateMember = (
  driver: Driver,
  address: { readonly group: string; readonly member: string } | undefined,
  f: (member: MemberView, group: GroupView) => MemberView,
  generation?: number
): Driver => {
  if (address === undefined) return driver
  const groupIndex = groupIndexOf(driver, address.group)
  if (groupIndex < 0) return driver
  const group = driver.groups[groupIndex]
  let memberIndex = -1
  for (let i = 0; i < group.members.length; i++) {
    if (group.members[i].name === address.member) {
      memberIndex = i
      break
    }
  }
  if (memberIndex < 0) return driver
  const member = group.members[memberIndex]
  const updated = f(member, group)
  if (updated === member && (generation === undefined || generation === group.generation)) return driver
  const members = group.members.slice()
  members[memberIndex] = updated
  const groups = driver.groups.slice()
  groups[groupIndex] = {
    name: group.name,
    mode: group.mode,
    processingOrder: group.processingOrder,
    generation: generation === undefined ? group.generation : generation,
    members,
    failure: group.failure
  }
  return { ...driver, groups }
}

