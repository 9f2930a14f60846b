/**
 * The xorshift128+ generator fast-check uses by default (pure-rand's
 * `xorshift128plus`, ported bit for bit): with it, a worker thread rebuilds
 * the random stream of run `i` of `fc.check(property, { seed })` without
 * running the runs before it (see `runChoicesSource.ts`). pure-rand is only a
 * dependency of fast-check, not of qsem, so it is not imported; the test of
 * `runChoicesSource.ts` pins that both streams agree.
 *
 * @module
 */

const jumps = [1667051007, 2321340297, 1548169110, 304075285]

/** A mutable xorshift128+ generator with fast-check's generator interface (`next`, `jump`, `clone`, `getState`). */
export class XorShift128Plus {
  constructor(
    private s01: number,
    private s00: number,
    private s11: number,
    private s10: number
  ) {}

  /** An independent copy at the same point of the stream. */
  clone(): XorShift128Plus {
    return new XorShift128Plus(this.s01, this.s00, this.s11, this.s10)
  }

  /** The next 32-bit signed integer. */
  next(): number {
    const a0 = this.s00 ^ (this.s00 << 23)
    const a1 = this.s01 ^ ((this.s01 << 23) | (this.s00 >>> 9))
    const s10 = this.s10
    const s11 = this.s11
    const out = (this.s00 + s10) | 0
    this.s01 = s11
    this.s00 = s10
    this.s11 = a1 ^ s11 ^ (a1 >>> 18) ^ (s11 >>> 5)
    this.s10 = a0 ^ s10 ^ ((a0 >>> 18) | (a1 << 14)) ^ ((s10 >>> 5) | (s11 << 27))
    return out
  }

  /** Moves 2^64 steps ahead: fast-check jumps once before each run. */
  jump(): void {
    let ns01 = 0
    let ns00 = 0
    let ns11 = 0
    let ns10 = 0
    let s01 = this.s01
    let s00 = this.s00
    let s11 = this.s11
    let s10 = this.s10
    for (const ji of jumps) {
      for (let mask = 1; mask !== 0; mask <<= 1) {
        if ((ji & mask) !== 0) {
          ns01 ^= s01
          ns00 ^= s00
          ns11 ^= s11
          ns10 ^= s10
        }
        const a0 = s00 ^ (s00 << 23)
        const a1 = s01 ^ ((s01 << 23) | (s00 >>> 9))
        s01 = s11
        s00 = s10
        s10 = a0 ^ s10 ^ ((a0 >>> 18) | (a1 << 14)) ^ ((s10 >>> 5) | (s11 << 27))
        s11 = a1 ^ s11 ^ (a1 >>> 18) ^ (s11 >>> 5)
      }
    }
    this.s01 = ns01
    this.s00 = ns00
    this.s11 = ns11
    this.s10 = ns10
  }

  /** The four 32-bit words of the state. */
  getState(): ReadonlyArray<number> {
    return [this.s01, this.s00, this.s11, this.s10]
  }
}

/** The generator fast-check starts from for an integer `seed` (a 32-bit one, as `--seed` takes). */
export const xorshift128plusOf = (seed: number): XorShift128Plus => new XorShift128Plus(-1, ~seed, seed | 0, 0)
