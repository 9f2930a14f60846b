"""A Kafka-style broker for qsem, written in Python 3 with the standard library only.

It is written from the spec (the numbered checks in spec/command.ts, the answers in
spec/response.ts), not from qsem's own model or broker, and speaks the stdio protocol
(docs/stdio-targets.md): one JSON line in, one JSON line out.

    npx qsem check --target "stdio:python3 examples/python-target/broker.py"
"""
import json
import sys

from assignors import assign
from partitioner import partition_for_key


def tp(topic, partition):
    return {"topic": topic, "partition": partition}


class Client:
    """A running consumer client: the generation and assignment it last learned, positions, a buffer."""

    def __init__(self, generation, assignment):
        self.generation = generation
        self.assignment = assignment  # sorted list of (topic, partition)
        self.positions = {}  # (topic, partition) -> next offset to fetch
        self.buffer = []  # delivered records not yet processed


class Group:
    """A consumer group as the broker sees it."""

    def __init__(self, config):
        self.config = config
        self.members = []  # broker members, in join order
        self.last_seen_ms = {}
        self.generation = 0
        self.assignment = {}  # member -> sorted list of (topic, partition)
        self.committed = {}  # (topic, partition) -> offset


class Broker:
    """The whole system for one config: logs, clock, producers' counters, groups and clients."""

    def __init__(self, config):
        self.config = config
        self.partition_counts = {topic["name"]: topic["partitions"] for topic in config["topics"]}
        self.logs = {(name, p): [] for name, count in self.partition_counts.items() for p in range(count)}
        self.now_ms = 0
        self.round_robin = {}  # (producer, topic) -> counter
        self.groups = {group["name"]: Group(group) for group in config["groups"]}
        self.clients = {}  # (group, member) -> Client

    # ------------------------------------------------------------ helpers

    def high_watermark(self, topic, partition):
        return len(self.logs[(topic, partition)])

    def rebalance(self, group):
        group.generation += 1
        group.assignment = assign(group.members, group.config, self.partition_counts)

    def running(self, group, member):
        return (group, member) in self.clients

    def broker_and_running(self, group, member):
        return member in self.groups[group].members and self.running(group, member)

    @staticmethod
    def assignment_json(pairs):
        return [tp(topic, partition) for topic, partition in pairs]

    def membership_checks(self, command):
        """Checks 1-3 of ConsumerHeartbeat (shared by poll and commit): an error answer, or None."""
        group, member = command["group"], command["member"]
        if group not in self.groups:
            return {"_tag": "UnknownGroup", "group": group}
        if not self.broker_and_running(group, member):
            return {"_tag": "UnknownMember", "group": group, "member": member}
        self.groups[group].last_seen_ms[member] = self.now_ms
        return None

    def sync_if_stale(self, group_name, member):
        """Check 4 of ConsumerHeartbeat: a stale client syncs and gets RebalanceInProgress; else None."""
        group = self.groups[group_name]
        client = self.clients[(group_name, member)]
        if client.generation >= group.generation:
            return None
        client.generation = group.generation
        client.assignment = list(group.assignment.get(member, []))
        client.positions = {}
        return {
            "_tag": "RebalanceInProgress", "group": group_name, "member": member,
            "generation": client.generation, "assignment": self.assignment_json(client.assignment),
        }

    # ------------------------------------------------------------ commands

    def producer_send(self, c):
        topic = c["topic"]
        if topic not in self.partition_counts:
            return {"_tag": "UnknownTopic", "topic": topic}
        count = self.partition_counts[topic]
        if "key" in c:
            partition = partition_for_key(c["key"], count)
        else:
            counter = self.round_robin.get((c["producer"], topic), 0)
            partition = counter % count
            self.round_robin[(c["producer"], topic)] = counter + 1
        log = self.logs[(topic, partition)]
        record = {"topic": topic, "partition": partition, "offset": len(log), "producer": c["producer"],
                  "value": c["value"], "timestampMs": self.now_ms}
        if "key" in c:
            record["key"] = c["key"]
        log.append(record)
        return {"_tag": "Sent", "topic": topic, "partition": partition, "offset": record["offset"]}

    def group_join(self, c):
        name, member = c["group"], c["member"]
        if name not in self.groups:
            return {"_tag": "UnknownGroup", "group": name}
        if self.broker_and_running(name, member):
            return {"_tag": "AlreadyMember", "group": name, "member": member}
        group = self.groups[name]
        if member not in group.members:
            group.members.append(member)
        group.last_seen_ms[member] = self.now_ms
        self.rebalance(group)
        assignment = list(group.assignment.get(member, []))
        self.clients[(name, member)] = Client(group.generation, assignment)
        return {"_tag": "Joined", "group": name, "member": member, "generation": group.generation,
                "assignment": self.assignment_json(assignment)}

    def group_leave(self, c):
        name, member = c["group"], c["member"]
        if name not in self.groups:
            return {"_tag": "UnknownGroup", "group": name}
        if not self.broker_and_running(name, member):
            return {"_tag": "UnknownMember", "group": name, "member": member}
        group = self.groups[name]
        group.members.remove(member)
        group.last_seen_ms.pop(member, None)
        del self.clients[(name, member)]
        self.rebalance(group)
        return {"_tag": "Left", "group": name, "member": member, "generation": group.generation}

    def consumer_heartbeat(self, c):
        error = self.membership_checks(c) or self.sync_if_stale(c["group"], c["member"])
        if error is not None:
            return error
        client = self.clients[(c["group"], c["member"])]
        return {"_tag": "HeartbeatOk", "group": c["group"], "member": c["member"],
                "generation": client.generation, "assignment": self.assignment_json(client.assignment)}

    def consumer_poll(self, c):
        error = self.membership_checks(c) or self.sync_if_stale(c["group"], c["member"])
        if error is not None:
            return error
        group = self.groups[c["group"]]
        client = self.clients[(c["group"], c["member"])]
        left = c["recordsMax"]
        records = []
        for pair in client.assignment:
            position = client.positions.get(pair, group.committed.get(pair, 0))
            taken = self.logs[pair][position:position + left]
            left -= len(taken)
            records.extend(taken)
            client.buffer.extend(taken)
            client.positions[pair] = position + len(taken)
        return {"_tag": "Polled", "group": c["group"], "member": c["member"], "records": records}

    def consumer_process(self, c):
        name, member = c["group"], c["member"]
        if name not in self.groups:
            return {"_tag": "UnknownGroup", "group": name}
        if not self.running(name, member):
            return {"_tag": "UnknownMember", "group": name, "member": member}
        client = self.clients[(name, member)]
        where = (c["topic"], c["partition"], c["offset"])
        for index, record in enumerate(client.buffer):
            if (record["topic"], record["partition"], record["offset"]) == where:
                del client.buffer[index]
                return {"_tag": "Processed", "group": name, "member": member, "topic": c["topic"],
                        "partition": c["partition"], "offset": c["offset"]}
        return {"_tag": "NotDelivered", "group": name, "member": member, "topic": c["topic"],
                "partition": c["partition"], "offset": c["offset"]}

    def consumer_commit(self, c):
        error = self.membership_checks(c)
        if error is not None:
            return error
        name, member = c["group"], c["member"]
        group = self.groups[name]
        client = self.clients[(name, member)]
        if client.generation < group.generation:
            return {"_tag": "StaleGeneration", "group": name, "member": member,
                    "generation": client.generation, "generationCurrent": group.generation}
        mine = group.assignment.get(member, [])
        for entry in c["offsets"]:
            topic, partition, offset = entry["topic"], entry["partition"], entry["offset"]
            if topic not in self.partition_counts:
                return {"_tag": "UnknownTopic", "topic": topic}
            if (topic, partition) not in mine:
                return {"_tag": "NotAssigned", "group": name, "member": member, "topic": topic, "partition": partition}
            high_watermark = self.high_watermark(topic, partition)
            if offset > high_watermark:
                return {"_tag": "OffsetOutOfRange", "topic": topic, "partition": partition, "offset": offset,
                        "highWatermark": high_watermark}
        for entry in c["offsets"]:
            group.committed[(entry["topic"], entry["partition"])] = entry["offset"]
        return {"_tag": "Committed", "group": name, "member": member, "generation": group.generation,
                "offsets": c["offsets"]}

    def consumer_seek(self, c):
        name, member = c["group"], c["member"]
        topic, partition, offset = c["topic"], c["partition"], c["offset"]
        if name not in self.groups:
            return {"_tag": "UnknownGroup", "group": name}
        if not self.running(name, member):
            return {"_tag": "UnknownMember", "group": name, "member": member}
        if topic not in self.partition_counts:
            return {"_tag": "UnknownTopic", "topic": topic}
        client = self.clients[(name, member)]
        if (topic, partition) not in client.assignment:
            return {"_tag": "NotAssigned", "group": name, "member": member, "topic": topic, "partition": partition}
        high_watermark = self.high_watermark(topic, partition)
        if offset > high_watermark:
            return {"_tag": "OffsetOutOfRange", "topic": topic, "partition": partition, "offset": offset,
                    "highWatermark": high_watermark}
        client.positions[(topic, partition)] = offset
        return {"_tag": "Seeked", "group": name, "member": member, "topic": topic, "partition": partition,
                "offset": offset}

    def consumer_crash(self, c):
        name, member = c["group"], c["member"]
        if name not in self.groups:
            return {"_tag": "UnknownGroup", "group": name}
        if not self.running(name, member):
            return {"_tag": "UnknownMember", "group": name, "member": member}
        del self.clients[(name, member)]
        return {"_tag": "Crashed", "group": name, "member": member}

    def clock_advance(self, c):
        self.now_ms += c["ms"]
        expired = []
        rebalanced = []
        for group_config in self.config["groups"]:
            group = self.groups[group_config["name"]]
            gone = [m for m in group.members
                    if group.last_seen_ms[m] + self.config["sessionTimeoutMs"] <= self.now_ms]
            if not gone:
                continue
            for member in gone:
                group.members.remove(member)
                del group.last_seen_ms[member]
                expired.append({"group": group_config["name"], "member": member})
            self.rebalance(group)
            rebalanced.append({"group": group_config["name"], "generation": group.generation})
        return {"_tag": "ClockAdvanced", "nowMs": self.now_ms, "expired": expired, "rebalanced": rebalanced}

    HANDLERS = {
        "ProducerSend": producer_send,
        "GroupJoin": group_join,
        "GroupLeave": group_leave,
        "ConsumerHeartbeat": consumer_heartbeat,
        "ConsumerPoll": consumer_poll,
        "ConsumerProcess": consumer_process,
        "ConsumerCommit": consumer_commit,
        "ConsumerSeek": consumer_seek,
        "ConsumerCrash": consumer_crash,
        "ClockAdvance": clock_advance,
    }

    def execute(self, command):
        handler = self.HANDLERS.get(command["_tag"])
        if handler is None:
            raise ValueError("unknown command " + repr(command["_tag"]))
        return handler(self, command)


def reply(message):
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def main():
    """One JSON line in, one JSON line out, until stdin ends. An open line starts a fresh broker."""
    sys.stdin.reconfigure(encoding="utf-8")
    broker = None
    for line in iter(sys.stdin.readline, ""):
        try:
            message = json.loads(line)
            if message["type"] == "open":
                broker = Broker(message["config"])
                reply({"type": "opened"})
            elif message["type"] == "command" and broker is not None:
                reply({"type": "response", "response": broker.execute(message["command"])})
            else:
                reply({"type": "error", "message": "unexpected line " + line.strip()[:80]})
        except Exception as error:  # an answer, never a silent hang: qsem reports it as a target failure
            reply({"type": "error", "message": type(error).__name__ + ": " + str(error)})


if __name__ == "__main__":
    main()
