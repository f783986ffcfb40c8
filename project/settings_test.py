"""Settings for the test suite: the real settings with a test key and fast password hashing."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)

from .settings import *  # noqa: F403

# Fast hashing for the accounts tests make; PBKDF2 still checks the demo personas' passwords.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
WHITENOISE_AUTOREFRESH = True  # serve from the finders; no collectstatic before tests
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
