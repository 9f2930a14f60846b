/**
 * The seeks of one partition, answering online "what is the lowest offset
 * sought to after step s?" in logarithmic time: a stack of (step, offset)
 * with steps and offsets both increasing, since a later seek to a lower or
 * equal offset makes every earlier one irrelevant to such questions.
 *
 * @module
 */

/** Seeks of one partition in step order; see the module comment. */
export class SeekFloor {
  private readonly steps: Array<number> = []
  private readonly offsets: Array<number> = []

  /** Adds a seek answered at `step` (steps must not decrease) to `offset`. */
  add(step: number, offset: number): void {
    while (this.offsets.length > 0 && this.offsets[this.offsets.length - 1] >= offset) {
      this.offsets.pop()
      this.steps.pop()
    }
    this.steps.push(step)
    this.offsets.push(offset)
  }

  /** The lowest offset sought to at a step after `step`, or `undefined` when there was no such seek. */
  lowestAfter(step: number): number | undefined {
    let low = 0
    let high = this.steps.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.steps[middle] > step) high = middle
      else low = middle + 1
    }
    return low < this.steps.length ? this.offsets[low] : undefined
  }
}
