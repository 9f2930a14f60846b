/**
 * Why Redis Streams violates what its checks find violated, tied to the
 * Redis documentation (the docs' matrix prints these under each violation).
 *
 * @module
 */
import type { BrokerProfile } from "../brokerTarget.ts"

/** The notes, per guarantee (the same under every setting; a setting that does not violate it shows none). */
export const redisViolationNotes: NonNullable<BrokerProfile["violationNotes"]> = {
  StaleReceiptsDoNotDelete:
    "XACK acknowledges an entry id for the whole consumer group, whoever holds it now (the XACK docs: it \"removes one or multiple messages from the Pending Entries List (PEL) of a stream consumer group\"): a consumer whose entry was claimed by another since still deletes it. An application that needs the fence checks ownership itself (XPENDING and XACK in one script).",
  QueueNoLossUnderAtLeastOnce:
    "Without an AOF, Redis persists only at its RDB snapshots (here Debian's rules, save 3600 1 300 100 60 10000); the persistence docs: with RDB \"you should be prepared to lose the latest minutes of data\". A SIGKILL between two snapshots loses every XADD Redis acknowledged since the last one, and the consumer group with it."
}
