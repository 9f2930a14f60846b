/**
 * The moments a member loses its client, its buffer or its session: the
 * events after which what it held is redelivered (if uncommitted) or lost (if
 * committed and unprocessed).
 *
 * @module
 */
import type { HistoryEntry } from "../../../spec/index.ts"
import type { ClientView, Replay } from "./replay.ts"

/** One member's client at the moment it lost its client or session. */
export interface ClientLoss {
  readonly client: ClientView
}

/**
 * The clients that lose their client, buffer or session at this entry, as the
 * replay shows them just before it: `Crashed` (and `ProcessCrashed`, a
 * crash midway through a processing), `Left`, a `Joined` that
 * replaces a still running client (a zombie rejoining), and every member
 * listed as expired by `ClockAdvanced`. Call it before `replay.apply(entry)`.
 */
export const clientLosses = (entry: HistoryEntry, replay: Replay): ReadonlyArray<ClientLoss> => {
  const response = entry.response
  switch (response._tag) {
    case "Crashed":
    case "ProcessCrashed":
      return [{ client: replay.client(response.group, response.member) }]
    case "Left":
      return [{ client: replay.client(response.group, response.member) }]
    case "Joined": {
      const client = replay.client(response.group, response.member)
      return client.running ? [{ client }] : []
    }
    case "ClockAdvanced":
      return response.expired.map((expired) => ({ client: replay.client(expired.group, expired.member) }))
    default:
      return []
  }
}
