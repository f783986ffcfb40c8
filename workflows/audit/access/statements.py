"""The access log's INSERT as literal SQL: every page with an insured person's data writes it,
and Django building the statement each time was two thirds of what a record cost a page
(0.2 of 0.3 ms, bench/bench_access_log.py; design decision 11). The columns are read from the
model, the values adapted by the database backend's own operations, and a test holds the row
it writes to the one the ORM writes."""

from functools import lru_cache

from django.db import connection, models

from .models import AccessRecord


def insert_access_records(rows: list[dict]) -> None:
    """Insert ``rows`` (each a value for every column but the id, by attribute name:
    ``user_id``, ``at``...) as access records, in one statement."""
    fields = _fields()
    params = [_adapted(field, row[field.attname]) for row in rows for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection.vendor, len(rows)), params)


def _fields() -> list:
    return [field for field in AccessRecord._meta.concrete_fields if not field.primary_key]


@lru_cache(maxsize=16)
def _statement(vendor: str, count: int) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in _fields())
    row = "(" + ", ".join(["%s"] * len(_fields())) + ")"
    values = ", ".join([row] * count)
    table = quote(AccessRecord._meta.db_table)
    # Only the model's own names and placeholders go into the text; every value is a parameter.
    return f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608


def _adapted(field, value):
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(field, models.GenericIPAddressField):
        return connection.ops.adapt_ipaddressfield_value(value)
    return value
