/**
 * The configured groups of one delivery mode, and which of them subscribe to
 * a topic.
 *
 * @module
 */
import type { Config, DeliveryMode, GroupConfig } from "../../../spec/index.ts"

/** The configured groups of this delivery mode, in configuration order. */
export const groupsOfMode = (config: Config, mode: DeliveryMode): ReadonlyArray<GroupConfig> =>
  config.groups.filter((group) => group.mode === mode)

/** Whether the group is configured with this delivery mode. */
export const isGroupOfMode = (config: Config, group: string, mode: DeliveryMode): boolean =>
  config.groups.some((candidate) => candidate.name === group && candidate.mode === mode)

/** The groups among `groups` that subscribe to `topic`. */
export const subscribersOf = (groups: ReadonlyArray<GroupConfig>, topic: string): ReadonlyArray<GroupConfig> =>
  groups.filter((group) => group.topics.includes(topic))
