/**
 * Real brokers as targets: what every adapter (Redis Streams, NATS
 * JetStream, RabbitMQ, MQTT) states about itself and how it is started. An
 * adapter translates qsem's queue commands into its broker's client calls;
 * its profile says which part of the model it is checked against, how, and
 * where the broker's documented semantics differ.
 *
 * @module
 */
import type { GuaranteeId } from "../spec/guarantee.ts"
import type { Target } from "../impl/target.ts"

/** How a broker's runs are judged. */
export type BrokerConformance =
  /** Its answers must equal the model's, step by step (a divergence fails the run), as for the built-in broker. */
  | "lockstep"
  /** Only the guarantees are judged on its history (`--guarantees-only`); its answers may differ from the model's, as `differences` says. */
  | "guarantees-only"

/** What an adapter says about itself and its broker, for the docs and for the check. */
export interface BrokerProfile {
  /** The broker, as the docs name it: "Redis Streams". */
  readonly broker: string
  /** The setting this target runs the server with: "appendonly yes, appendfsync everysec". */
  readonly setting: string
  /** The server and its version, as the tests run it: "redis-server 7.0 (Debian 12)". */
  readonly server: string
  /** The part of the model it is checked against, in a sentence or two. */
  readonly modelPart: string
  /** Where the broker's documented semantics differ from the model's, one sentence each (with the documentation's words where it helps). */
  readonly differences: ReadonlyArray<string>
  readonly conformance: BrokerConformance
  /** The guarantees that do not apply to this broker, each with why (the broker has no such feature, say). */
  readonly notApplicable: Readonly<Partial<Record<GuaranteeId, string>>>
  /** For a guarantee its checks violate: why, tied to the broker's documentation (the docs' matrix prints it under the violation). */
  readonly violationNotes?: Readonly<Partial<Record<GuaranteeId, string>>> | undefined
  /** The config file its checks run, relative to the package: "examples/configs/brokers/redis-streams.json". */
  readonly configFile: string
}

/** Where a server qsem did not start is: the user's own, running locally. */
export interface BrokerAddress {
  readonly host: string
  readonly port: number
}

/** How a broker target is made. */
export interface BrokerTargetOptions {
  /** A server already running: qsem connects to it and starts none (a `BrokerRestart` then needs a server qsem started, and is refused). */
  readonly address?: BrokerAddress | undefined
  /** Real milliseconds per logical millisecond (see brokers/realTime.ts); default `timeScaleDefault`. */
  readonly timeScale?: number | undefined
}

/**
 * A real broker as a target. Every `open` connects to the same server (which
 * `prepare` started, unless the options named an address) and works in names
 * of its own (streams, queues, subjects, topics), so runs do not see each
 * other; closing the session deletes them.
 */
export interface BrokerTarget extends Target {
  readonly profile: BrokerProfile
  /** Starts the server qsem manages, once; rejects with a one-line Error (a missing package says which) when it cannot. */
  readonly prepare: () => Promise<void>
  /** Stops the server qsem started and removes its data (safe to call twice, and before `prepare`). */
  readonly close: () => Promise<void>
}

/** One broker of the kit: its target name, its settings (the first is the default) and how to make its target. */
export interface BrokerEntry {
  /** The `--target` name: "redis-streams" (a setting is chosen with "redis-streams:<setting>"). */
  readonly name: string
  /** The settings' names, the default first. */
  readonly settings: ReadonlyArray<string>
  readonly make: (setting: string, options?: BrokerTargetOptions) => BrokerTarget
}
