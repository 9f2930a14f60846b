/**
 * Test helper: what a synchronous call of the broker's core throws (its
 * typed errors are thrown, and answered by the broker's `execute`).
 *
 * @module
 */

/** What `body` throws, or `undefined` when it returns. */
export const thrownBy = (body: () => unknown): unknown => {
  try {
    body()
    return undefined
  } catch (error) {
    return error
  }
}
