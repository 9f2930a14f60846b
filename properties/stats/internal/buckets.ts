/**
 * The buckets statistics sort numbers into, each named by the range it
 * covers.
 *
 * @internal
 * @module
 */

/** A count in power-of-two bins: `0`, `1`, `2-3`, `4-7`, `8-15`, ... */
export const powerBucketOf = (count: number): string => {
  if (count <= 1) return String(count)
  let low = 2
  while (low * 2 <= count) low *= 2
  return `${low}-${low * 2 - 1}`
}

/** The lower end of a {@link powerBucketOf} name (for sorting). */
export const powerBucketLow = (name: string): number => Number(name.split("-")[0])

/**
 * A member's session age at a heartbeat, against the session timeout `T`:
 * heard from this very moment, young, old, its last millisecond, or past
 * the timeout (a zombie's heartbeat).
 */
export const sessionAgeBucketOf = (ageMs: number, sessionTimeoutMs: number): string => {
  if (ageMs >= sessionTimeoutMs) return "≥ T (expired)"
  if (ageMs === sessionTimeoutMs - 1) return "T-1 ms (last moment)"
  if (ageMs === 0) return "0 ms"
  return ageMs < sessionTimeoutMs / 2 ? "1 ms .. T/2" : "T/2 .. T-2 ms"
}

/** The session-age bucket names, in order. */
export const sessionAgeBuckets: ReadonlyArray<string> = [
  "0 ms",
  "1 ms .. T/2",
  "T/2 .. T-2 ms",
  "T-1 ms (last moment)",
  "≥ T (expired)"
]

/** A poll's `recordsMax` against the config's `recordsPerPollMax` (`R`) and the drain's size (`D`). */
export const pollSizeBucketOf = (recordsMax: number, recordsPerPollMax: number, drainRecordsMax: number): string => {
  if (recordsMax < recordsPerPollMax) return "< R"
  if (recordsMax === recordsPerPollMax) return "= R"
  if (recordsMax < drainRecordsMax) return "R+1 .. D-1"
  return recordsMax === drainRecordsMax ? "= D" : "> D"
}

/** The poll-size bucket names, in order. */
export const pollSizeBuckets: ReadonlyArray<string> = ["< R", "= R", "R+1 .. D-1", "= D", "> D"]
