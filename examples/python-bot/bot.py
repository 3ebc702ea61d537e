#!/usr/bin/env python3
"""Example Flotilla worker in Python, written from docs/redis-protocol.md alone.

Counts messages per guild and answers a message "!ping" by changing the bot's presence on every shard.
Needs redis-py (Debian: apt-get install python3-redis). Environment: REDIS_URL (redis://127.0.0.1:6379),
GROUP_NAME (the nodes' cluster group, "flotilla"), KEY_PREFIX ("g"), QUEUE_PREFIX ("discord"),
CONSUMER (this process's stable name, "ping-bot-py-1").
"""
import collections
import json
import os
import signal
import sys

import redis

PREFIX = os.environ.get("KEY_PREFIX") or "g"
QUEUE = os.environ.get("QUEUE_PREFIX") or "discord"
CLUSTER = os.environ.get("GROUP_NAME") or "flotilla"
GROUP = "ping-bot"                      # the consumer group: one per kind of worker
CONSUMER = os.environ.get("CONSUMER") or "ping-bot-py-1"   # stable across restarts
STREAM = f"{QUEUE}:event:message_create"
RECLAIM_IDLE_MS = 60_000

r = redis.Redis.from_url(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379", decode_responses=True)
counts = collections.Counter()
recent = collections.OrderedDict()      # (shard, session, seq) of handled events: drop repeats
running = True


def shard_count():
    value = r.hget(f"{PREFIX}:cluster:{CLUSTER}:config", "shard_count")   # "<count>:<epoch>"
    if value is None:
        raise RuntimeError("no shard count yet: no node of the cluster group has led")
    return int(value.split(":")[0])


def set_presence_everywhere():
    d = json.dumps({"since": None, "activities": [{"name": "pong", "type": 0}], "status": "online", "afk": False},
                   separators=(",", ":"))
    for shard in range(shard_count()):
        r.xadd(f"{PREFIX}:command:{shard}", {"op": "3", "d": d})


def handle(entry_id, fields):
    if not fields:                                 # an entry trimmed away while pending: nothing to handle
        r.xack(STREAM, GROUP, entry_id)
        return
    key = (fields["shard"], fields["session"], fields["seq"])
    if key not in recent:
        message = json.loads(fields["d"])          # d is the dispatch's d, as Discord sent it
        guild = message.get("guild_id", "DM")
        counts[guild] += 1
        print(f"guild {guild}: {counts[guild]} messages", flush=True)
        if message.get("content") == "!ping":
            set_presence_everywhere()
            print("pong: presence changed on every shard", flush=True)
        recent[key] = True
        if len(recent) > 10_000:
            recent.popitem(last=False)
    r.xack(STREAM, GROUP, entry_id)                # only after handling: a crash before this redelivers it


def main():
    try:
        r.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except redis.ResponseError as e:
        if "BUSYGROUP" not in str(e):
            raise
    signal.signal(signal.SIGTERM, lambda *_: globals().update(running=False))
    print("ping-bot ready", flush=True)
    for _stream, entries in r.xreadgroup(GROUP, CONSUMER, {STREAM: "0"}, count=100) or []:
        for entry_id, fields in entries:           # our own entries left pending before a restart
            handle(entry_id, fields)
    cursor = "0-0"
    while running:
        cursor, claimed, *_ = r.xautoclaim(STREAM, GROUP, CONSUMER, RECLAIM_IDLE_MS, cursor, count=100)
        for entry_id, fields in claimed:           # entries a dead consumer left unacknowledged
            handle(entry_id, fields)
        for _stream, entries in r.xreadgroup(GROUP, CONSUMER, {STREAM: ">"}, count=100, block=1000) or []:
            for entry_id, fields in entries:
                handle(entry_id, fields)


if __name__ == "__main__":
    sys.exit(main())
