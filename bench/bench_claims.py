"""Claims through the web stack: uploading a 5 MB PDF, and downloading the statement PDF.

scripts/serve (production settings) on a PostgreSQL database of its own; a signed-in
insured person (黄小红) posts each PDF as a browser would: session cookie, CSRF token, multipart
body. Each upload is checked, stored, recorded as a row and a step record. The statement is a
one-page statement of an approved twelve-line claim, fetched over HTTP by the claimant.
Targets (issue 5): upload median at most 150 ms; statement median at most 200 ms.
"""

import datetime
import os
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

DB = "yibao_claims_bench"
MEDIA = common.OUT / "claims-media"
HUANG = "420102198503122046"
UPLOADS = 60
STATEMENTS = 40
PER_CLAIM = 35  # a claim takes 40 documents at most
PDF_BYTES = 5 * 1024 * 1024
BILL = [  # a realistic stay: (catalogue, code, quantity, unit price)
    ("facilities", "110900003", "3", "150.00"),
    ("facilities", "110900001", "9", "30.00"),
    ("treatments", "320200001", "1", "2800.00"),
    ("treatments", "320600001", "1", "5600.00"),
    ("treatments", "310701001", "4", "25.00"),
    ("treatments", "250101001", "3", "20.00"),
    ("treatments", "311201001", "12", "30.00"),
    ("drugs", "XB01ACL111", "28", "4.50"),
    ("drugs", "XC10AAA211", "28", "3.50"),
    ("drugs", "XB01ACA056", "30", "0.15"),
    ("drugs", "XB05BBL033", "20", "3.50"),
    ("drugs", "ZY00000004", "2", "150.00"),
]


def a_pdf() -> bytes:
    head, tail = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"\n%%EOF\n"
    return head + os.urandom(PDF_BYTES - len(head) - len(tail)) + tail


def open_claims(count: int) -> list[int]:
    from workflows import clock
    from workflows.claims import services
    from workflows.registry.models import Institution, InsuredPerson

    person = InsuredPerson.objects.select_related("user").get(resident_id=HUANG)
    today = clock.today()
    return [
        services.claim_open(
            by=person.user,
            person=person,
            kind="emergency",
            institution=Institution.objects.get(code="H42010600004"),
            admission_date=today - datetime.timedelta(days=6),
            discharge_date=today - datetime.timedelta(days=1),
            diagnosis="急性胰腺炎",
        ).pk
        for _ in range(count)
    ]


def approved_claim() -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workflows.claims import services
    from workflows.claims.choices import REQUIRED_DOCUMENTS
    from workflows.claims.review import lines
    from workflows.claims.review import services as review
    from workflows.registry.models import User

    (pk,) = open_claims(1)
    person = User.objects.get(insured_person__resident_id=HUANG)
    for kind in REQUIRED_DOCUMENTS["emergency"]:
        upload = SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4\n%%EOF\n")
        services.claim_add_documents(claim_id=pk, kind=kind, uploads=[upload], by=person)
    services.claim_submit(
        claim_id=pk,
        by=person,
        payee="黄小红",
        bank_name="招商银行",
        bank_account="6225881234567890",
    )
    reviewer = User.objects.get(username="center_chen")
    for catalogue, code, quantity, price in BILL:
        lines.claim_add_line(
            claim_id=pk,
            by=reviewer,
            catalogue=catalogue,
            code=code,
            quantity=Decimal(quantity),
            unit_price=Decimal(price),
        )
    review.claim_calculate(claim_id=pk, by=reviewer)
    review.claim_decide(claim_id=pk, by=reviewer, decision="approve", reason="同意")
    return pk


def sign_in_insured(browser: common.Browser) -> None:
    browser.request("GET", "/login/")
    status, _location, body = browser.request(
        "POST",
        "/login/",
        {"kind": "insured", "resident_id": HUANG, "password": common.DEMO_PASSWORD},
    )
    assert status == 302, f"黄小红 could not sign in: {status} {body[:300]!r}"


def post_file(browser: common.Browser, path: str, fields: dict, name: str, content: bytes):
    """A multipart POST as a browser's form sends it (CSRF token as a field)."""
    boundary = uuid.uuid4().hex
    fields = {**fields, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    body = b"".join(parts)
    headers = {
        "Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items()),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    browser.connection.request("POST", path, body=body, headers=headers)
    response = browser.connection.getresponse()
    response.read()
    return response.status, response.getheader("Location")


def timed_uploads(browser, claims: list[int], count: int) -> list[float]:
    content = a_pdf()
    timings = []
    for n in range(count):
        claim = claims[n // PER_CLAIM]
        started = time.perf_counter()
        status, location = post_file(
            browser, f"/claims/{claim}/documents/", {"kind": "invoices"}, f"发票{n}.pdf", content
        )
        timings.append((time.perf_counter() - started) * 1000)
        assert status == 302 and location.endswith("#documents"), (status, location)
    return timings


def timed_statements(browser, claim: int, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        status, _location, body = browser.request("GET", f"/claims/{claim}/statement.pdf")
        timings.append((time.perf_counter() - started) * 1000)
        assert status == 200 and body.startswith(b"%PDF-"), status
    return timings


def main() -> int:
    MEDIA.mkdir(parents=True, exist_ok=True)
    os.environ["MEDIA_ROOT"] = str(MEDIA)  # the server inherits it (common.server_env)
    common.setup_django(DB)
    warm_up = 6
    claims = open_claims((UPLOADS + warm_up) // PER_CLAIM + 2)
    statement_claim = approved_claim()

    from workflows.claims import printing
    from workflows.claims.models import Claim
    from workflows.documents.models import Document

    port = common.free_port()
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", flush=True)
    with common.server(DB, port=port):
        browser = common.Browser(port)
        sign_in_insured(browser)
        timed_uploads(browser, claims[-1:], warm_up)
        uploads = timed_uploads(browser, claims[:-1], UPLOADS)
        timed_statements(browser, statement_claim, 6)  # each worker's fonts and templates
        statements = timed_statements(browser, statement_claim, STATEMENTS)
    stored = Document.objects.filter(size=PDF_BYTES).count()
    assert stored == UPLOADS + warm_up, stored

    claim = Claim.objects.get(pk=statement_claim)
    printing.statement_pdf(claim)
    in_process, cpu = [], []
    for _ in range(20):
        started, started_cpu = time.perf_counter(), time.process_time()
        printing.statement_pdf(claim)
        in_process.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)

    upload_median = statistics.median(uploads)
    statement_median = statistics.median(statements)
    print(f"upload of a 5 MB PDF through the web stack: {common.describe(uploads)}")
    print(
        f"upload of a 5 MB PDF through the web stack: median {upload_median:.0f} ms (target <= 150)"
    )
    print(f"statement PDF over HTTP: {common.describe(statements)}")
    print(f"statement PDF over HTTP: median {statement_median:.0f} ms (target <= 200)")
    print(
        f"statement PDF in process: median {statistics.median(in_process):.0f} ms, "
        f"CPU time {statistics.median(cpu):.0f} ms"
    )
    print(f"load average at end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return 0 if upload_median <= 150 and statement_median <= 200 else 1


if __name__ == "__main__":
    sys.exit(main())
