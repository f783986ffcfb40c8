"""Find the PostgreSQL the test suite runs on; in CI its absence is a failure, not a skip.

Prints the DATABASE_URL to use, or nothing when there is none outside CI. TEST_POSTGRES_DB
names the database (pytest-django creates test_<name>), so two checkouts can test at once.
"""

import os
import sys

import psycopg

CANDIDATES = [
    os.environ.get("TEST_POSTGRES_URL", ""),
    "postgres://postgres@127.0.0.1:5432/postgres",
    "postgres://root@127.0.0.1:5432/postgres",
]

for url in filter(None, CANDIDATES):
    try:
        with psycopg.connect(url, connect_timeout=3):
            pass
    except psycopg.Error:
        continue
    print(url.rsplit("/", 1)[0] + "/" + os.environ.get("TEST_POSTGRES_DB", "yibao_flow"))
    sys.exit(0)

message = "PostgreSQL is not reachable at 127.0.0.1:5432 (tried users postgres and root)."
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    print(f"{message} CI needs it: failing.", file=sys.stderr)
    sys.exit(1)
print(f"{message} Skipping the PostgreSQL run (CI would fail here).", file=sys.stderr)
