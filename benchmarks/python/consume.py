#!/usr/bin/env python3
"""The Python side of WorkerConsume, written from docs/redis-protocol.md: one consumer reads MESSAGE_CREATE in a
fresh consumer group (XREADGROUP COUNT <batch>), parses each entry's d, drops repeats by (shard, session, seq) in a
window, and acknowledges each read batch with one pipelined XACK, until it has handled <count>; then prints
"done <events> <wall ms> <cpu ms>" (time.process_time: this process's CPU) and exits.

Arguments: redis-url stream group count batch. Needs redis-py (Debian: python3-redis).
"""
import collections
import json
import sys
import time

import redis

url, stream, group, count, batch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
r = redis.Redis.from_url(url, decode_responses=True)
try:
    r.xgroup_create(stream, group, id="0", mkstream=True)
except redis.ResponseError as e:
    if "BUSYGROUP" not in str(e):
        raise
recent = collections.OrderedDict()
handled = 0
guilds = 0
cpu0, wall0 = time.process_time(), time.perf_counter()
while handled < count:
    reply = r.xreadgroup(group, "py-1", {stream: ">"}, count=batch, block=100)
    if not reply:
        continue
    ids = []
    for entry_id, fields in reply[0][1]:
        ids.append(entry_id)
        key = (fields["shard"], fields["session"], fields["seq"])
        if key in recent:
            continue
        recent[key] = True
        if len(recent) > 10_000:
            recent.popitem(last=False)
        guilds += len(json.loads(fields["d"]).get("guild_id", ""))
        handled += 1
    r.xack(stream, group, *ids)
wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
print(f"done {handled} {int(wall * 1000)} {int(cpu * 1000)} ({guilds})", flush=True)
