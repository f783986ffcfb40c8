"""Finding helpers: referrals of several patients waiting at the center, a page's rows."""

import re
from types import SimpleNamespace

from django.urls import reverse

from tests.pages import sign_in
from tests.workflows.referrals.conftest import open_referral
from workflows.registry.models import InsuredPerson

HUANG = "420102198503122046"  # 黄小红, Wuhan, insurance number 420100000000101
ZHANG = "420103195508201133"  # 张建国, Wuhan, insurance number 420100000000102
CHEN = "420502197801300557"  # 陈志明, insured in Yichang: the Yichang center approves


def referral_of(world, resident_id: str, **kwargs):
    """A referral of the person ``resident_id``, proposed by 李明 and signed up to ``until``."""
    patient = InsuredPerson.objects.get(resident_id=resident_id)
    return open_referral(SimpleNamespace(**{**vars(world), "patient": patient}), **kwargs)


def page_of(client, who: str, url: str, language: str = "en", **query):
    client.logout()
    sign_in(client, who, language)
    return client.get(url, query)


def numbers_on(response) -> list[str]:
    """The case numbers linked from the page's rows, in their order."""
    return re.findall(
        r'<td[^>]*><a href="[^"]+">((?:ZZ|BX|YD)[^<]+)</a></td>', response.content.decode()
    )


def inbox_url(slug: str = "referrals") -> str:
    return reverse("inbox_queue", args=[slug])
