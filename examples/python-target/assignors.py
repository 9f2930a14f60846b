"""The two assignors of spec/config.ts (Assignor): Kafka's RangeAssignor and RoundRobinAssignor.

Names sort in plain JavaScript string order (a < b compares UTF-16 code units), which
differs from Python's code point order for characters beyond U+FFFF: js_order is the key.
"""


def js_order(text):
    """A sort key that orders strings as JavaScript's < does (by UTF-16 code unit)."""
    return text.encode("utf-16-be", "surrogatepass")


def _subscribed(group):
    """The group's topics as a set (a topic listed twice counts once), sorted by name."""
    return sorted(set(group["topics"]), key=js_order)


def assign_range(members, group, partition_counts):
    """Per topic, partitions 0..P-1 cut into contiguous ranges: floor(P/M) each, the first P%M members one more."""
    ordered = sorted(members, key=js_order)
    result = {member: [] for member in ordered}
    if not ordered:
        return result
    for topic in _subscribed(group):
        count = partition_counts[topic]
        each, extra = divmod(count, len(ordered))
        start = 0
        for index, member in enumerate(ordered):
            size = each + (1 if index < extra else 0)
            result[member].extend((topic, p) for p in range(start, start + size))
            start += size
    return result


def assign_round_robin(members, group, partition_counts):
    """All subscribed topic-partitions, sorted by topic then partition, dealt to the sorted members in turn."""
    ordered = sorted(members, key=js_order)
    result = {member: [] for member in ordered}
    if not ordered:
        return result
    pairs = [(topic, p) for topic in _subscribed(group) for p in range(partition_counts[topic])]
    for index, pair in enumerate(pairs):
        result[ordered[index % len(ordered)]].append(pair)
    return result


def assign(members, group, partition_counts):
    """Each member's partitions, sorted by topic name then partition (spec: assignment lists are sorted)."""
    assignor = assign_range if group["assignor"] == "range" else assign_round_robin
    result = assignor(members, group, partition_counts)
    return {member: sorted(pairs, key=lambda pair: (js_order(pair[0]), pair[1])) for member, pairs in result.items()}
