/**
 * Fingerprints of explored states: a 53-bit hash of the model state and the
 * application's view, computed bottom-up over their structure.
 *
 * What counts: every value reachable from the model state (but its `world`,
 * derived from the config and the same in every state) and from the view
 * (but the tables every view of a run shares, `partitionIndex` and
 * `memberOfProducer`). A persistent sequence (`model/internal/seq.ts`)
 * counts as the elements of its window (its backing array may be shared and
 * longer); a `Map` as its entries and a `Set` as its elements, in insertion
 * order (the code may iterate them, so two orders are two states); an
 * object as its keys and values in its own key order, `undefined`
 * properties left out (as JSON does). Nothing is treated as symmetric:
 * member, producer and key names are kept, so two states equal up to a
 * renaming of members count twice (the generator is not symmetric in them
 * either: small fields pick `m0` first).
 *
 * A state's fingerprint mixes the hash of its model state with the hash of
 * its view ({@link fingerprintOf}), so that the explorer hashes a view once
 * (there are far fewer views than states) and each model state with a
 * {@link StructuralHasher} that remembers the hashes of the state it was
 * stepped from (states are persistent: a step shares what it did not change).
 * Two answers to one move of one view lead to one view when they are equal
 * as this hash sees them (`structurallyEqual.ts`).
 *
 * @module
 */
import { finish, fold1, fold2 } from "./internal/hashing.ts"
import { StructuralHasher } from "./structuralHasher.ts"

/** A hasher that is never asked to remember: each value hashed in full. */
const plain = new StructuralHasher()

/**
 * The structural hash of a value (see the module comment for what counts),
 * nothing remembered.
 */
export const hashOf = (value: unknown): number => plain.hash(value)

/**
 * The fingerprint of an explored state from the hash of its model state
 * ({@link StructuralHasher.hashModel}) and of its view
 * ({@link StructuralHasher.hashView}). Two different states share one with a
 * probability of about `n² / 2^54` over `n` states (about 1 in 18,000 at a
 * million states), as TLC's 64-bit fingerprints accept a tiny chance of
 * merging two states.
 */
export const fingerprintOf = (modelHash: number, viewHash: number): number =>
  finish(fold1(fold1(0x9e3779b1, modelHash), viewHash), fold2(fold2(0x7f4a7c15, modelHash), viewHash))
