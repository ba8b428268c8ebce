#!/usr/bin/env python3
"""Access tokens for every worker in a cuakhau database, signed with the bench's JWT
secret (HS256, the claims the server issues), one a line — so a load can spread over
many workers without thousands of SMS sign-ins.
  bench/tokens.py sqlite|postgres DB-URL SECRET > tokens.txt"""
import base64, hashlib, hmac, json, subprocess, sys, time

backend, url, secret = sys.argv[1:4]
query = "SELECT id FROM users WHERE role = 'worker' ORDER BY id"
if backend == "sqlite":
    import sqlite3
    ids = [r[0] for r in sqlite3.connect(url).execute(query)]
else:
    ids = subprocess.run(["psql", url, "-tAc", query], check=True, capture_output=True,
                         text=True).stdout.split()
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=")
now = int(time.time())
head = b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
for i in ids:
    body = b64(json.dumps({"sub": i, "role": "worker", "lang": "vi", "iat": now,
                           "exp": now + 3600}).encode())
    signing = head + b"." + body
    sig = b64(hmac.new(secret.encode(), signing, hashlib.sha256).digest())
    print((signing + b"." + sig).decode())
