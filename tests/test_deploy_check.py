"""Production settings pass Django's deployment checklist, and the production server serves."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings

SECRET_KEY = "k9#Qz!r2-very-long-production-secret-key-with-enough-entropy-0123456789"


def production_env(*, drop=(), **values) -> dict[str, str]:
    """This process's environment with DEBUG (and ``drop``) removed and production settings,
    with no checkout's .env under it (a production server has none)."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", *drop}}
    env.update(DJANGO_SETTINGS_MODULE="project.settings", ENV_FILE="", **values)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_production_settings():
    env = production_env(
        drop={"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"},
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="yibao.example.org",
    )
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_static_files_collect_with_production_settings(tmp_path):
    env = production_env(SECRET_KEY=SECRET_KEY, STATIC_ROOT=str(tmp_path / "static"))
    result = manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "css" / "app.css").exists()


def test_without_a_secret_key_production_settings_refuse_to_start():
    result = manage(production_env(drop={"SECRET_KEY"}), "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_scripts_serve_serves_pages_and_static_files(tmp_path):
    """The production server (README, "Production") answers with the login page and the CSS."""
    env = production_env(
        SECRET_KEY=SECRET_KEY,
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        GRANIAN_PORT=str(_free_port()),
        GRANIAN_WORKERS="1",
    )
    collected = manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    assert collected.returncode == 0, collected.stderr
    server = subprocess.Popen([str(settings.BASE_DIR / "scripts" / "serve")], env=env)
    try:
        base = f"http://127.0.0.1:{env['GRANIAN_PORT']}"
        login = _get_when_up(base + "/login/", headers={"Accept-Language": "zh-hans"})
        assert login.status == 200 and "登录" in login.read().decode()
        assert _get_when_up(base + "/static/css/app.css").status == 200
    finally:
        server.terminate()
        server.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_when_up(url: str, headers: dict | None = None):
    for _attempt in range(100):
        try:
            return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}))
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError:  # not listening yet
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")
