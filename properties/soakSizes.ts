/**
 * The sizes of soak runs (`qsem check --soak`), apart from the soak
 * arbitrary so that usage texts can name them without loading fast-check.
 *
 * @module
 */

/** Choices per soak segment. */
export const soakSegmentLength = 50

/** How many soak runs `qsem check --soak` makes by default. */
export const soakRunsDefault = 10

/** The length of a soak run before the drain, by default (`qsem check --soak`). */
export const soakCommandsMaxDefault = 4000
