/**
 * The application's views met by the explorer, each kept once: far fewer
 * than the states (thousands of views for hundreds of thousands of states
 * on the small configs), so what depends on the view alone is computed once
 * per view: its moves (`enumerate.ts`), and the view each of its moves leads
 * to given the answer.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import type { Driver } from "../driver/driver.ts"
import { driverObserve } from "../driver/index.ts"
import { type Move, movesOf } from "./enumerate.ts"
import { fingerprintOf } from "./fingerprint.ts"
import { StructuralHasher } from "./structuralHasher.ts"
import { structurallyEqual } from "./structurallyEqual.ts"
import { FingerprintTable } from "./internal/fingerprintTable.ts"

/** Moves of one view are numbered below this (the successor memo's key packs the move beside the view). */
const movesPerViewMax = 1 << 20

/** A 53-bit key of (view, move, answer hash). */
const successorKeyOf = (view: number, move: number, responseHash: number): number =>
  fingerprintOf(responseHash, view * movesPerViewMax + move)

const noAnswers: Array<Response | undefined> = []
const noSuccessors = new Int32Array(0)

/**
 * Views by number (in the order first met), each with its structural hash
 * (`fingerprint.ts`: the view but its shared tables), its moves (computed
 * when first asked) and a memo of its successors.
 *
 * Sound because a view determines all of these: `movesOf` reads only the
 * view and the config (`decodeContextOf` and the actions are pure), and
 * `driverObserve` only the view, the command (the move's) and the answer.
 * Two views with one hash count as one (as two states with one fingerprint
 * do), and so do two answers with one structural hash.
 */
export class ViewTable {
  /** The view of each number, `undefined` for one reserved and not observed yet ({@link ViewTable.reserve}). */
  private readonly drivers: Array<Driver | undefined> = []
  /** How to observe each view reserved and not observed yet. */
  private readonly unobserved = new Map<number, () => Driver>()
  /** The structural hash of each view. */
  readonly hashes: Array<number> = []
  private readonly moves: Array<ReadonlyArray<Move> | undefined> = []
  /** Per view with moves, per move: the answer it got last, and the view that answer led to. */
  private readonly lastAnswers: Array<Array<Response | undefined>> = []
  private readonly lastSuccessors: Array<Int32Array> = []
  private readonly byHash = new FingerprintTable()
  private readonly successors = new FingerprintTable()

  /** Remembers the objects of every view kept: a view observed from one of them shares most of it. */
  private readonly hasher = new StructuralHasher()

  /** Per view, per move: the answer {@link ViewTable.successorHashOf} saw last, and the hash of the view it led to. */
  private readonly lastHashAnswers: Array<Array<Response | undefined>> = []
  private readonly lastSuccessorHashes: Array<Float64Array> = []
  /** {@link ViewTable.successorHashOf}'s memo: per (view, move, answer hash), the successor's position in {@link ViewTable.observedHashes}. */
  private readonly observedSlots = new FingerprintTable()
  private readonly observedHashes: Array<number> = []
  /** Views observed by {@link ViewTable.successorHashOf} and not kept yet, by hash: {@link ViewTable.internHashed} keeps them without observing again. */
  private readonly observedDrivers = new Map<number, Driver>()

  constructor(readonly config: Config) {}

  /** How many views are numbered (those reserved included). */
  get size(): number {
    return this.hashes.length
  }

  /** The view numbered `view`, observed now if it was reserved and not observed yet. */
  driverOf(view: number): Driver {
    const driver = this.drivers[view]
    if (driver !== undefined) return driver
    const observe = this.unobserved.get(view)
    if (observe === undefined) throw new Error(`no view is numbered ${view}`)
    const observed = observe()
    this.keepObserved(view, observed)
    return observed
  }

  /** Keeps `driver` as reserved view `view`; throws when its hash is not the one reserved (a bug). */
  private keepObserved(view: number, driver: Driver): void {
    const hash = this.hasher.hashView(driver)
    if (hash !== this.hashes[view]) throw new Error(`a view observed again hashes to ${hash}, not ${this.hashes[view]}`)
    this.hasher.rememberView(driver)
    this.drivers[view] = driver
    this.unobserved.delete(view)
  }

  /** The number of `driver`'s view, kept now if it was not met before (or reserved and not observed yet). */
  intern(driver: Driver): number {
    const hash = this.hasher.hashView(driver)
    const view = this.hashes.length
    const known = this.byHash.setIfAbsent(hash, view)
    if (known >= 0) {
      if (this.drivers[known] === undefined) this.keepObserved(known, driver)
      return known
    }
    this.hasher.rememberView(driver)
    this.drivers.push(driver)
    this.hashes.push(hash)
    this.moves.push(undefined)
    this.lastAnswers.push(noAnswers)
    this.lastSuccessors.push(noSuccessors)
    return view
  }

  /** The moves of view `view` (see `movesOf`), computed once. */
  movesOf(view: number): ReadonlyArray<Move> {
    let moves = this.moves[view]
    if (moves === undefined) {
      moves = movesOf(this.driverOf(view), this.config)
      if (moves.length > movesPerViewMax) throw new Error(`a view with ${moves.length} moves: more than the explorer numbers (${movesPerViewMax})`)
      this.moves[view] = moves
      this.lastAnswers[view] = new Array<Response | undefined>(moves.length).fill(undefined)
      this.lastSuccessors[view] = new Int32Array(moves.length)
    }
    return moves
  }

  /**
   * The number of the view `view` becomes once move `move` of it was
   * answered `response`: the view `driverObserve` gives, computed on the
   * first such answer only (answers told apart by their structural hash,
   * from `hasher`). The moves of `view` must have been asked
   * ({@link ViewTable.movesOf}). Each move keeps its last answer beside it,
   * so that expanding a state after another of the same view mostly finds
   * its successors there, by a comparison rather than a hash.
   */
  successorOf(view: number, move: number, response: Response, hasher: StructuralHasher): number {
    const lastAnswers = this.lastAnswers[view]
    const lastSuccessors = this.lastSuccessors[view]
    const last = lastAnswers[move]
    if (last !== undefined && structurallyEqual(response, last)) return lastSuccessors[move]
    const key = successorKeyOf(view, move, hasher.hash(response))
    let next = this.successors.get(key)
    if (next < 0) {
      const command = (this.moves[view] as ReadonlyArray<Move>)[move].command
      next = this.intern(driverObserve(this.driverOf(view), command, response))
      this.successors.setIfAbsent(key, next)
    }
    lastAnswers[move] = response
    lastSuccessors[move] = next
    return next
  }

  /**
   * The hash of the view `view` becomes once move `move` of it was answered
   * `response`, without keeping that view: {@link ViewTable.successorOf}
   * for a search whose views are numbered elsewhere (`parallel/`), where a
   * thread expanding states must not number the views it meets. The view
   * is held until {@link ViewTable.internHashed} keeps it.
   */
  successorHashOf(view: number, move: number, response: Response, hasher: StructuralHasher): number {
    let lastAnswers = this.lastHashAnswers[view]
    let lastHashes = this.lastSuccessorHashes[view]
    if (lastAnswers === undefined || lastHashes === undefined) {
      const moves = this.movesOf(view).length
      lastAnswers = new Array<Response | undefined>(moves).fill(undefined)
      lastHashes = new Float64Array(moves)
      this.lastHashAnswers[view] = lastAnswers
      this.lastSuccessorHashes[view] = lastHashes
    }
    const last = lastAnswers[move]
    if (last !== undefined && structurallyEqual(response, last)) return lastHashes[move]
    const key = successorKeyOf(view, move, hasher.hash(response))
    const slot = this.observedSlots.get(key)
    let hash: number
    if (slot >= 0) {
      hash = this.observedHashes[slot]
    } else {
      const command = (this.moves[view] as ReadonlyArray<Move>)[move].command
      const driver = driverObserve(this.driverOf(view), command, response)
      hash = this.hasher.hashView(driver)
      const known = this.byHash.get(hash)
      if (known >= 0) {
        if (this.drivers[known] === undefined) this.keepObserved(known, driver)
      } else if (!this.observedDrivers.has(hash)) {
        this.observedDrivers.set(hash, driver)
      }
      this.observedSlots.setIfAbsent(key, this.observedHashes.length)
      this.observedHashes.push(hash)
    }
    lastAnswers[move] = response
    lastHashes[move] = hash
    return hash
  }

  /** The number of the view with hash `hash`, or -1 when none is kept. */
  numberOfHash(hash: number): number {
    return this.byHash.get(hash)
  }

  /**
   * The number of the view with hash `hash`, kept now if it was not before:
   * the view {@link ViewTable.successorHashOf} observed with that hash, or
   * else the one `observe` gives. Throws when the view kept has another hash
   * (the threads of a search disagree: a bug, not a user's error).
   */
  internHashed(hash: number, observe: () => Driver): number {
    const known = this.byHash.get(hash)
    if (known >= 0) return known
    const driver = this.observedDrivers.get(hash) ?? observe()
    this.observedDrivers.delete(hash)
    const view = this.intern(driver)
    if (this.hashes[view] !== hash) throw new Error(`a view observed again hashes to ${this.hashes[view]}, not ${hash}`)
    return view
  }

  /**
   * Numbers the view with hash `hash` as `view`, the next number, without
   * observing it: `observe` gives it when it is first needed
   * ({@link ViewTable.driverOf}), unless {@link ViewTable.successorHashOf}
   * observed it already or observes it first. A copy of a tree on another
   * thread numbers the views that thread numbered so, and observes only
   * those it uses. Throws when `view` is not the next number or the hash is
   * numbered already (the copies diverged: a bug).
   */
  reserve(view: number, hash: number, observe: () => Driver): void {
    const next = this.hashes.length
    const known = this.byHash.setIfAbsent(hash, next)
    if (view !== next || known >= 0) throw new Error(`a view numbered ${view} by the main thread is numbered ${known >= 0 ? known : next} here`)
    this.drivers.push(undefined)
    this.hashes.push(hash)
    this.moves.push(undefined)
    this.lastAnswers.push(noAnswers)
    this.lastSuccessors.push(noSuccessors)
    const observed = this.observedDrivers.get(hash)
    if (observed === undefined) {
      this.unobserved.set(view, observe)
    } else {
      this.observedDrivers.delete(hash)
      this.keepObserved(view, observed)
    }
  }
}
