"""What the benchmarks share: a PostgreSQL database of their own, Django set up on it, a server."""

import contextlib
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_ADMIN_URLS = [
    "postgres://postgres@127.0.0.1:5432/postgres",
    "postgres://root@127.0.0.1:5432/postgres",
]
DEMO_PASSWORD = "yibao2026"


def admin_url() -> str:
    for url in filter(None, [os.environ.get("BENCH_POSTGRES_URL"), *PG_ADMIN_URLS]):
        with contextlib.suppress(psycopg.Error), psycopg.connect(url, connect_timeout=3):
            return url
    sys.exit("The benchmarks need PostgreSQL at 127.0.0.1:5432 (users postgres or root).")


def database_url(name: str) -> str:
    return admin_url().rsplit("/", 1)[0] + "/" + name


def server_env(db_name: str) -> dict[str, str]:
    """Production settings (DEBUG off) on the benchmark's database, served over plain HTTP."""
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="project.settings",
        SECRET_KEY="bench-only-secret-key-" + "b" * 40,
        DATABASE_URL=database_url(db_name),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DB_CONN_MAX_AGE="600",
        # Production keeps sessions and permission sets in Redis (README, "Configuration").
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        CACHE_KEY_PREFIX=f"bench-{db_name}",
        LOG_LEVEL="WARNING",
    )
    return env


def fresh_database(name: str) -> None:
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(db_name: str, *, create: bool = True) -> None:
    """Point this process at the benchmark database, migrate it and load the demo region."""
    os.environ.update(server_env(db_name))
    sys.path.insert(0, str(ROOT))
    if create:
        fresh_database(db_name)
    import django

    django.setup()
    if create:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("compilemessages", verbosity=0, ignore_patterns=[".venv"])
        call_command("collectstatic", verbosity=0, interactive=False)
        call_command("load_demo", verbosity=0)
        from workflows.registry.models import User

        # The personas as they are once each has chosen a password at the first sign-in (the
        # demo asks them to): the benchmarks measure the pages behind it, with the demo's.
        User.objects.update(must_change_password=False)


def settle(db_name: str) -> None:
    """Let the database reach the steady state a running installation is in before measuring:
    statistics and visibility maps of the rows just loaded, and their pages written out, so
    that autovacuum and the writeback of the load do not run during the measurement."""
    with psycopg.connect(database_url(db_name), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute("CHECKPOINT")
    os.sync()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(db_name: str, *, port: int, application: str | None = None):
    """Serve the project with scripts/serve, as production does, until the block ends
    (``application``: another WSGI application than the project's, as module:name)."""
    env = server_env(db_name)
    env.update(GRANIAN_PORT=str(port), GRANIAN_LOG_LEVEL="warning")
    command = [str(ROOT / "scripts" / "serve"), *([application] if application else [])]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        for _attempt in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


class Browser:
    """A signed-in session over one keep-alive connection, as a browser would hold it."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {"django_language": "zh-hans"}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, data: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location"), content

    def sign_in(self, username: str, password: str = DEMO_PASSWORD) -> None:
        """Sign ``username`` in through the sign-in page, and through the two-step page when
        their role asks for it: with the code of the authenticator they are given here."""
        status, _location, body = self.request("GET", "/login/")
        assert status == 200, status
        device = authenticator_for(username)
        status, _location, body = self.request(
            "POST", "/login/", {"kind": "staff", "username": username, "password": password}
        )
        assert status == 302, f"{username} could not sign in: {status} {body[:300]!r}"
        if device is not None:
            status, _location, body = self.request(
                "POST", "/account/two-step/verify/", {"code": current_code(device)}
            )
            assert status == 302, f"{username} could not give the code: {status} {body[:300]!r}"


def authenticator_for(username: str):
    """A confirmed authenticator for ``username`` when their role must sign in with two steps
    (Django set up by setup_django), else None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from workflows.registry.models import User
    from workflows.registry.twostep.selectors import is_required_for

    user = User.objects.get(username=username)
    if not is_required_for(user):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    )


def current_code(device) -> str:
    """The code the authenticator shows now; when this half-minute's has been used (a second
    sign-in of the same user), the next one's, which the device takes a step early."""
    from django_otp.oath import TOTP, hotp

    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits).t()
    step = max(now + device.drift, device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def describe(values_ms: list[float]) -> str:
    return (
        f"median {statistics.median(values_ms):.1f} ms, p95 {percentile(values_ms, 0.95):.1f} "
        f"ms, max {max(values_ms):.1f} ms over {len(values_ms)} requests"
    )


def ensure_wrk() -> str:
    """wrk (Debian package) drives the HTTP load; install it when missing and possible."""
    if shutil.which("wrk"):
        return "wrk"
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "wrk"],
        check=False,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    if not shutil.which("wrk"):
        sys.exit("This benchmark needs wrk: sudo apt-get install wrk")
    return "wrk"


def task_path(html: bytes) -> list[str]:
    return re.findall(r'href="(/referrals/\d+/tasks/\d+/)"', html.decode())
