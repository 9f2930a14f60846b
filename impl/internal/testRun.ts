/**
 * Test helpers over {@link runCommands}: promise-returning runs of the
 * built-in broker (or any target) for scenario tests.
 *
 * @module
 */
import { Effect } from "effect"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import { builtinTarget } from "../builtin.ts"
import type { Target } from "../target.ts"
import { advance, configOf, queueReceive, queueSend } from "./testCommands.ts"
import { runCommands } from "./testSession.ts"
import { configBounded, configRetention } from "../../spec/internal/testConfigs.ts"

/** The responses of the target (the built-in broker by default) to the commands. */
export const run = (
  commands: ReadonlyArray<Command>,
  config: Config,
  target: Target = builtinTarget
): Promise<ReadonlyArray<Response>> => Effect.runPromise(runCommands(target, config, commands))

/** The response to the last command, after the ones before it. */
export const last = async (
  commands: ReadonlyArray<Command>,
  config: Config,
  target: Target = builtinTarget
): Promise<Response | undefined> => (await run(commands, config, target)).at(-1)

/** One topic `t` with `partitions` partitions and one range group `g` reading it. */
export const singleGroup = (partitions: number, mode: "at-least-once" | "at-most-once" = "at-least-once"): Config =>
  configOf([{ name: "t", partitions }], [{ name: "g", mode, assignor: "range", topics: ["t"] }])

/**
 * The transactional test config: topics `t` (input, 1 partition), `o` (the
 * exactly-once group's output, 1 partition) and `u` (2 partitions); groups
 * `eo` (exactly-once over `t`, writing to `o`), `rc` (at-least-once,
 * `read_committed`, over `t`, `o` and `u`) and `ru` (at-least-once,
 * `read_uncommitted`, the same topics); producers `idem` (idempotent),
 * `plain` (configured, not idempotent), `tx` and `tx2` (both transactional
 * id `tx`: two instances of one application); transactions time out after
 * 10 s and sessions after 30 s.
 */
export const transactional: Config = {
  ...configOf(
    [{ name: "t", partitions: 1 }, { name: "o", partitions: 1 }, { name: "u", partitions: 2 }],
    [
      { name: "eo", mode: "exactly-once", assignor: "range", topics: ["t"], outputTopic: "o" },
      { name: "rc", mode: "at-least-once", assignor: "range", topics: ["t", "o", "u"], isolation: "read_committed" },
      { name: "ru", mode: "at-least-once", assignor: "range", topics: ["t", "o", "u"] }
    ]
  ),
  producers: [
    { name: "idem", idempotent: true },
    { name: "plain", idempotent: false },
    { name: "tx", idempotent: true, transactionalId: "tx" },
    { name: "tx2", idempotent: true, transactionalId: "tx" }
  ],
  transactionTimeoutMs: 10_000
}

/**
 * The effects test config: topics `t` (input, 1 partition), `o` (output, 1
 * partition) and `s` (the services' topic, 2 partitions); at-least-once
 * groups over `t` with an effect each: `naive` (`none`), `key` (an
 * `atomic` idempotency key with a 1 s window), `kte` and `etk`
 * (`key-then-effect` and `effect-then-key`, remembered forever), `cas`
 * (`conditional-update`) and `plain` (no effect); exactly-once groups `eo`
 * (effect `none`) and `eok` (an idempotency key) over `t`, writing to `o`;
 * services `box` (`outbox`), `cts` (`commit-then-send`) and `stc`
 * (`send-then-commit`), all publishing to `s`.
 */
export const effectful: Config = {
  ...configOf(
    [{ name: "t", partitions: 1 }, { name: "o", partitions: 1 }, { name: "s", partitions: 2 }],
    [
      { name: "naive", mode: "at-least-once", assignor: "range", topics: ["t"], effect: { remedy: "none" } },
      { name: "key", mode: "at-least-once", assignor: "range", topics: ["t"], effect: { remedy: "idempotency-key", dedupWindowMs: 1000 } },
      { name: "kte", mode: "at-least-once", assignor: "range", topics: ["t"], effect: { remedy: "idempotency-key", dedupOrder: "key-then-effect" } },
      { name: "etk", mode: "at-least-once", assignor: "range", topics: ["t"], effect: { remedy: "idempotency-key", dedupOrder: "effect-then-key" } },
      { name: "cas", mode: "at-least-once", assignor: "range", topics: ["t"], effect: { remedy: "conditional-update" } },
      { name: "plain", mode: "at-least-once", assignor: "range", topics: ["t"] },
      { name: "eo", mode: "exactly-once", assignor: "range", topics: ["t"], outputTopic: "o", effect: { remedy: "none" } },
      { name: "eok", mode: "exactly-once", assignor: "range", topics: ["t"], outputTopic: "o", effect: { remedy: "idempotency-key" } }
    ]
  ),
  services: [
    { name: "box", topic: "s", publish: "outbox" },
    { name: "cts", topic: "s", publish: "commit-then-send" },
    { name: "stc", topic: "s", publish: "send-then-commit" }
  ]
}

/**
 * The queue test config: topic `t` (1 partition) and its group `g`; queues
 * `q` (standard, at-least-once, 1 s visibility, moved to `dlq` after 2
 * receives), `dlq` (its dead-letter queue, 1 s visibility), `plain`
 * (standard, at-most-once, 1 s visibility, no policy), `f` (FIFO, 1 s
 * visibility, a 5 s dedup window, moved to `fdlq` after 2 receives) and
 * `fdlq` (its FIFO dead-letter queue).
 */
export const queued: Config = {
  ...singleGroup(1),
  queues: [
    { name: "q", mode: "at-least-once", visibilityTimeoutMs: 1000, receiveCountMax: 2, deadLetterQueue: "dlq" },
    { name: "dlq", mode: "at-least-once", visibilityTimeoutMs: 1000 },
    { name: "plain", mode: "at-most-once", visibilityTimeoutMs: 1000 },
    { name: "f", mode: "at-least-once", visibilityTimeoutMs: 1000, receiveCountMax: 2, deadLetterQueue: "fdlq", fifo: true, dedupWindowMs: 5000 },
    { name: "fdlq", mode: "at-least-once", visibilityTimeoutMs: 1000, fifo: true }
  ]
}

/** On {@link queued}: messages `a` (0) and `b` (1) of `q`, received twice each by `c` (receipts 0 to 3) and moved to `dlq` at 2000 ms. */
export const movedTwoToDlq: ReadonlyArray<Command> = [
  queueSend("q", "a"),
  queueSend("q", "b"),
  queueReceive("q", "c"),
  advance(1000),
  queueReceive("q", "c"),
  advance(1000)
]

/**
 * The bounded-queue test config: topic `t` and its group `g`; queues `block`,
 * `reject` and `oldest` (standard, at-least-once, 1 s visibility, at most 2
 * visible messages, overflowing by the policy they are named after; `oldest`
 * moves a message to `dlq` after 1 receive), `dlq` (at most 1, `reject`),
 * `newest.fifo` (FIFO, at most 2, `drop-newest`, a 100 ms dedup window),
 * `oldest.fifo` (FIFO, at most 2, `drop-oldest`) and `open` (unbounded).
 */
export const bounded: Config = { ...singleGroup(1), queues: configBounded.queues ?? [] }

/**
 * The failure test config: topics `t` (1 partition, read by every group but
 * `watch`), `s` (2 partitions, read by `r`) and the dead-letter topics `dlt`
 * (2 partitions, `g`'s, read by `watch`), `ddlt` (`d`'s) and `rdlt` (`r`'s);
 * groups:
 * - `g`: at-least-once, `retry-then-dead-letter`, 3 attempts, 1 s backoff,
 *   a breaker opening after 2 failed calls for 5 s that pauses;
 * - `d`: at-most-once, `retry-then-dead-letter`, 4 attempts, 100 ms backoff,
 *   a breaker opening after 1 failed call for 3 s that dead-letters;
 * - `r`: at-least-once over `s`, `retry-then-dead-letter`, 1 attempt, 100 ms
 *   backoff, no breaker;
 * - `n`: at-least-once, policy `none`, no breaker; `nb`: the same with a
 *   breaker opening after 1 failed call for 1 s that pauses;
 * - `plain`: at-least-once, no failure config; `watch`: reads `dlt`.
 */
export const failing: Config = configOf(
  [
    { name: "t", partitions: 1 },
    { name: "s", partitions: 2 },
    { name: "dlt", partitions: 2 },
    { name: "ddlt", partitions: 1 },
    { name: "rdlt", partitions: 1 }
  ],
  [
    {
      name: "g",
      mode: "at-least-once",
      assignor: "range",
      topics: ["t"],
      failure: {
        policy: "retry-then-dead-letter",
        attemptsMax: 3,
        backoffMs: 1000,
        deadLetterTopic: "dlt",
        breaker: { failuresMax: 2, coolDownMs: 5000, whileOpen: "pause" }
      }
    },
    {
      name: "d",
      mode: "at-most-once",
      assignor: "range",
      topics: ["t"],
      failure: {
        policy: "retry-then-dead-letter",
        attemptsMax: 4,
        backoffMs: 100,
        deadLetterTopic: "ddlt",
        breaker: { failuresMax: 1, coolDownMs: 3000, whileOpen: "dead-letter" }
      }
    },
    {
      name: "r",
      mode: "at-least-once",
      assignor: "range",
      topics: ["s"],
      failure: { policy: "retry-then-dead-letter", attemptsMax: 1, backoffMs: 100, deadLetterTopic: "rdlt" }
    },
    { name: "n", mode: "at-least-once", assignor: "range", topics: ["t"], failure: { policy: "none" } },
    {
      name: "nb",
      mode: "at-least-once",
      assignor: "range",
      topics: ["t"],
      failure: { policy: "none", breaker: { failuresMax: 1, coolDownMs: 1000, whileOpen: "pause" } }
    },
    { name: "plain", mode: "at-least-once", assignor: "range", topics: ["t"] },
    { name: "watch", mode: "at-least-once", assignor: "range", topics: ["dlt"] }
  ]
)

/**
 * The retention test config (the model's): `timed` (2 partitions, records
 * kept 1,000 ms; key `k3` lands on partition 0, `k0` on 1), `sized` (1
 * partition, at most 2 records kept) and `kept` (no retention); groups over
 * `sized` and `timed` per `autoOffsetReset`: `early`, `late`, `strict`
 * (`none`), and `plain` (at-most-once, the default `latest`, also reading
 * `kept`).
 */
export const retained: Config = configRetention
