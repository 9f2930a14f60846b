/**
 * The in-flight messages of one queue by the end of their visibility: a
 * min-heap with lazy deletion, so that the queue replay counts a queue's
 * visible messages (its depth, as a bound counts it) without walking its
 * in-flight ones at every send. The clock only moves forward, so a message
 * whose visibility ended stays visible until it is received again.
 *
 * @module
 */

interface End {
  readonly untilMs: number
  readonly messageId: number
}

/** See the module comment. */
export class VisibilityEnds {
  /** Per in-flight message, the end of its visibility (the heap may hold older ends of it: they are skipped). */
  private readonly untilById = new Map<number, number>()
  private readonly heap: Array<End> = []

  /** How many messages are in flight (as of the last {@link expire}). */
  get size(): number {
    return this.untilById.size
  }

  /** Whether the message is in flight (as of the last {@link expire}). */
  has(messageId: number): boolean {
    return this.untilById.has(messageId)
  }

  /** The message is in flight until `untilMs` (a receive, an extension). */
  set(messageId: number, untilMs: number): void {
    this.untilById.set(messageId, untilMs)
    this.push({ untilMs, messageId })
  }

  /** The message is no longer in flight here (released, deleted, dropped, moved). */
  delete(messageId: number): void {
    this.untilById.delete(messageId)
  }

  /** Forgets the messages whose visibility ended at or before `nowMs` (a message is in flight while `nowMs < untilMs`). */
  expire(nowMs: number): void {
    while (this.heap.length > 0 && this.heap[0].untilMs <= nowMs) {
      const end = this.pop()
      if (this.untilById.get(end.messageId) === end.untilMs) this.untilById.delete(end.messageId)
    }
  }

  private push(end: End): void {
    const heap = this.heap
    heap.push(end)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (heap[parent].untilMs <= end.untilMs) break
      heap[i] = heap[parent]
      i = parent
    }
    heap[i] = end
  }

  private pop(): End {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()!
    if (heap.length === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= heap.length) break
      const child = left + 1 < heap.length && heap[left + 1].untilMs < heap[left].untilMs ? left + 1 : left
      if (heap[child].untilMs >= last.untilMs) break
      heap[i] = heap[child]
      i = child
    }
    heap[i] = last
    return top
  }
}
