"""Kafka's default partitioner: murmur2 over the key's UTF-8 bytes (spec/command.ts, ProducerSend check 2)."""


def utf8(text):
    """The key's bytes as JavaScript's TextEncoder encodes them: a lone surrogate becomes U+FFFD.

    json.loads joins escaped surrogate pairs into one code point, so any surrogate left is lone.
    """
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text).encode("utf-8")


def murmur2(data):
    """Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2) as an unsigned 32-bit integer."""
    mask = 0xFFFFFFFF
    m = 0x5BD1E995
    length = len(data)
    h = (0x9747B28C ^ length) & mask
    for i in range(0, length - length % 4, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * m) & mask
        k ^= k >> 24
        k = (k * m) & mask
        h = (h * m) & mask
        h ^= k
    rest = length % 4
    tail = length - rest
    if rest == 3:
        h ^= data[tail + 2] << 16
    if rest >= 2:
        h ^= data[tail + 1] << 8
    if rest >= 1:
        h ^= data[tail]
        h = (h * m) & mask
    h ^= h >> 13
    h = (h * m) & mask
    h ^= h >> 15
    return h


def partition_for_key(key, partitions):
    """The partition of a keyed record: (murmur2(utf8(key)) & 0x7fffffff) % partitions."""
    return (murmur2(utf8(key)) & 0x7FFFFFFF) % partitions
