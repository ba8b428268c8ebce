#!/usr/bin/env python3
"""Puts N queued messages straight into a cuakhau SQLite outbox (migrated by
`cuakhau migrate`), so the benchmark measures dispatching only.
  bench/enqueue.py DB COUNT TEXT [KIND] [FIRST]   (recipients +8491600000+FIRST…)"""
import datetime, os, sqlite3, sys, time, uuid


def uuid7(ms):
    """A time-ordered id like cuakhau's own (`Uuid::now_v7`): rows of one batch sit side
    by side in the table, as they do in production (random ids scatter every write)."""
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms << 80) | (0x7 << 76) | ((rand >> 64) & 0xFFF) << 64 | (0b10 << 62) | (rand & ((1 << 62) - 1))
    return str(uuid.UUID(int=value))


db, count, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
kind = sys.argv[4] if len(sys.argv) > 4 else "notice"
first = int(sys.argv[5]) if len(sys.argv) > 5 else 0
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
con = sqlite3.connect(db)
con.executemany(
    "INSERT INTO outbound_messages (id, recipient, body, language, kind, idempotency_key, state,"
    " attempts, next_attempt_at, created_at, updated_at, encoding, segments)"
    " VALUES (?, ?, ?, 'vi', ?, ?, 'queued', 0, ?, ?, ?, 'ucs2', 1)",
    [(uuid7(int(time.time() * 1000) + i), "+8491%07d" % (6000000 + i), text, kind, "bench-%d" % i, now, now, now)
     for i in range(first, first + count)],
)
con.commit()
