/**
 * The two Lua scripts of the adapter (`EVAL`, run atomically by Redis). They
 * are the application's side of the translation, not features of Redis
 * Streams, and say so:
 *
 * - {@link ackScript}: `XACK`, then `XDEL` of the entry when the `XACK`
 *   acknowledged it. `XACK` is Redis's own: it acknowledges an entry id for
 *   the whole group, whoever holds it, so a stale receipt (the message was
 *   claimed again since) still acknowledges it and the answer says
 *   `deleted: true`. The `XDEL` makes "acknowledged" mean "gone" as in the
 *   model (a consumer group's acknowledged entries otherwise stay in the
 *   stream); it runs only after an acknowledgement, so an `XACK` that found
 *   nothing pending deletes nothing.
 * - {@link setIdleScript}: for `QueueRelease` and `QueueExtend`, the
 *   application's ownership check, then `XCLAIM ... IDLE <ms> JUSTID`. Redis
 *   has no release and no visibility timeout: a pending entry is claimable
 *   by `XAUTOCLAIM` once its idle time reaches the claimer's min-idle-time,
 *   and `XCLAIM ... IDLE` sets its idle time (`JUSTID`: without counting a
 *   delivery). `XCLAIM` itself takes any pending entry from anyone, so the
 *   script first checks with `XPENDING` that the entry is still pending, with
 *   the receipt's consumer as owner and the receipt's delivery count (no
 *   delivery since), and not yet claimable; otherwise nothing happens and
 *   the answer is `NotInFlight`.
 *
 * @module
 */

/** KEYS[1] stream, ARGV group, id. Returns XACK's count (1: acknowledged and deleted; 0: nothing was pending). */
export const ackScript = `
local acked = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if acked == 1 then redis.call('XDEL', KEYS[1], ARGV[2]) end
return acked
`

/**
 * KEYS[1] stream, ARGV group, id, consumer, deliveries, min-idle-time now,
 * new idle. Returns 1 when the entry was pending with that owner and
 * delivery count and an idle time below the min-idle-time (in flight), and
 * its idle time is now the new one; 0 when nothing changed.
 */
export const setIdleScript = `
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
local entry = pending[1]
if entry == nil or entry[2] ~= ARGV[3] or entry[4] ~= tonumber(ARGV[4]) or entry[3] >= tonumber(ARGV[5]) then return 0 end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'IDLE', ARGV[6], 'JUSTID')
return 1
`
