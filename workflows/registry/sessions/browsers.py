"""A browser's user agent as people name it: the browser and the system it runs on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Browser(models.TextChoices):
    WECHAT = "wechat", _("WeChat")
    DINGTALK = "dingtalk", _("DingTalk")
    QQ = "qq", _("QQ Browser")
    UC = "uc", _("UC Browser")
    QUARK = "quark", _("Quark")
    HUAWEI = "huawei", _("Huawei Browser")
    XIAOMI = "xiaomi", _("Xiaomi Browser")
    SAMSUNG = "samsung", _("Samsung Internet")
    EDGE = "edge", "Edge"
    OPERA = "opera", "Opera"
    FIREFOX = "firefox", "Firefox"
    CHROME = "chrome", "Chrome"
    SAFARI = "safari", "Safari"
    OTHER = "", _("Unknown browser")


class System(models.TextChoices):
    HARMONYOS = "harmonyos", "HarmonyOS"
    WINDOWS = "windows", "Windows"
    IOS = "ios", "iOS"
    IPADOS = "ipados", "iPadOS"
    ANDROID = "android", "Android"
    MACOS = "macos", "macOS"
    CHROMEOS = "chromeos", "ChromeOS"
    LINUX = "linux", "Linux"
    OTHER = "", _("unknown system")


# The first token found names it. An app's own browser (WeChat, DingTalk) and the Chinese
# browsers say "Chrome" and "Safari" too, and Chrome says "Safari": the most particular first.
BROWSER_TOKENS = (
    ("MicroMessenger/", Browser.WECHAT),
    ("DingTalk/", Browser.DINGTALK),
    ("MQQBrowser/", Browser.QQ),
    ("QQBrowser/", Browser.QQ),
    ("UCBrowser/", Browser.UC),
    ("Quark/", Browser.QUARK),
    ("HuaweiBrowser/", Browser.HUAWEI),
    ("MiuiBrowser/", Browser.XIAOMI),
    ("SamsungBrowser/", Browser.SAMSUNG),
    ("Edg/", Browser.EDGE),
    ("EdgA/", Browser.EDGE),
    ("EdgiOS/", Browser.EDGE),
    ("OPR/", Browser.OPERA),
    ("Firefox/", Browser.FIREFOX),
    ("FxiOS/", Browser.FIREFOX),
    ("CriOS/", Browser.CHROME),
    ("Chrome/", Browser.CHROME),
    ("Safari/", Browser.SAFARI),
)
SYSTEM_TOKENS = (
    ("HarmonyOS", System.HARMONYOS),
    ("OpenHarmony", System.HARMONYOS),
    ("Windows", System.WINDOWS),
    ("iPhone", System.IOS),
    ("iPad", System.IPADOS),
    ("Android", System.ANDROID),
    ("Mac OS X", System.MACOS),
    ("CrOS", System.CHROMEOS),
    ("Linux", System.LINUX),
)


def browser_of(user_agent: str) -> tuple[Browser, System]:
    """The browser and the system a ``User-Agent`` header names (OTHER when it names none)."""
    browser = next((b for token, b in BROWSER_TOKENS if token in user_agent), Browser.OTHER)
    system = next((s for token, s in SYSTEM_TOKENS if token in user_agent), System.OTHER)
    return browser, system
