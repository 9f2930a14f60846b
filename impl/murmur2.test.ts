import { describe, expect, it } from "vitest"
import { murmur2, murmur2KeysRemembered, murmur2String, partitionForKey } from "./murmur2.ts"

describe("murmur2 (Kafka UtilsTest.testMurmur2 vectors)", () => {
  it.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971]
  ])("hashes %s to %i", (key, hash) => {
    expect(murmur2String(key)).toBe(hash)
  })

  it("hashes the bytes [97, 98, 99] to 479470107", () => {
    expect(murmur2(new Uint8Array([97, 98, 99]))).toBe(479470107)
  })

  // Non-ASCII keys: the hash of their UTF-8 bytes, computed with a separate
  // port of Kafka's Utils.murmur2 (which gives the vectors above).
  it.each([
    ["é", 186971271], // c3 a9: two bytes left over
    ["ключ", 2122343024], // 8 bytes: two whole blocks
    ["日本語", 1431860170], // 9 bytes: two blocks and one byte left over
    ["😀", 131881617] // f0 9f 98 80: one code point, two UTF-16 code units
  ])("hashes the UTF-8 bytes of the non-ASCII key %s to %i", (key, hash) => {
    expect(murmur2String(key)).toBe(hash)
  })

  it("maps a key to (hash & 0x7fffffff) % partitions", () => {
    expect(partitionForKey("foobar", 3)).toBe((-790332482 & 0x7fffffff) % 3)
    expect(partitionForKey("a-little-bit-long-string", 3)).toBe(2)
    expect(partitionForKey("abc", 7)).toBe(479470107 % 7)
    expect(partitionForKey("21", 5)).toBe(1173551340 % 5)
  })
})

describe("murmur2String's memory of keys", () => {
  it("answers a key seen before, and more keys than it remembers, exactly as it hashes them", () => {
    const keys = Array.from({ length: 3 * murmur2KeysRemembered }, (_, i) => `key-${i % (murmur2KeysRemembered + 7)}`)
    for (const key of keys) expect(murmur2String(key)).toBe(murmur2(new TextEncoder().encode(key)))
  })
})
