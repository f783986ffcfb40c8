"""Reads and writes compiled to SQL once, for the statements every decision makes.

Django compiles a queryset to SQL each time it runs. For the case row a decision locks and
the task it acts on, compiling costs several times what running the query does (0.5 ms of
CPU against 0.1 ms for the referral and its process row): the same SQL on every request.

A ``PreparedQuery`` builds its queryset once per database connection, with stand-in values
for its parameters, keeps the SQL Django compiled, and runs that SQL with each call's values.
The rows become model instances as Django's own iterator makes them, field converters
included. Only plain model querysets qualify: filters, ``select_for_update`` and ordering,
but no ``select_related``, annotations, ``values()`` or deferred fields; anything else is
refused when the query is first compiled.

The writes are the same story: ``Model.save`` and ``QuerySet.update`` build an insert or an
update query and compile it on every call, twice the CPU of running it. ``insert_row`` and
``update_row`` write one model instance with SQL built once per connection, model and
columns; each value goes through its field exactly as in ``save`` (``pre_save``, then
``get_db_prep_save``), and an insert sends ``pre_save`` and ``post_save`` like ``save``.
They write one table: a model's own columns, no parents of multi-table inheritance.
"""

import itertools

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import signals
from django.db.models.query import ModelIterable

_STAND_INS = itertools.count(-7_300_000_000_001, -1)


class PreparedQuery:
    """``build(**params)`` gives the queryset; ``get(**params)`` and ``first(**params)`` run it.

    ``build`` is called once per connection, with integer stand-ins for the parameters; every
    parameter must reach the SQL unchanged (an id compared with ``=`` or ``IN``, say).
    """

    def __init__(self, build, *, using: str = DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        self.params = build.__code__.co_varnames[: build.__code__.co_argcount]

    def get(self, **params):
        """The one row, like ``QuerySet.get``: DoesNotExist when there is none."""
        compiled = self._compiled()
        found = compiled.run(params, limit=2)
        if not found:
            raise compiled.model.DoesNotExist(
                f"{compiled.model._meta.object_name} matching {params} does not exist."
            )
        if len(found) > 1:
            raise compiled.model.MultipleObjectsReturned(
                f"More than one {compiled.model._meta.object_name} matches {params}."
            )
        return found[0]

    def first(self, **params):
        """The first row in the queryset's order, or None."""
        found = self._compiled().run(params, limit=1)
        return found[0] if found else None

    def _compiled(self) -> "_Compiled":
        connection = connections[self.using]
        return _per_connection(connection, self, lambda: _Compiled(self, connection))


class _Compiled:
    """One PreparedQuery's SQL on one connection, and how its rows become instances."""

    def __init__(self, prepared: PreparedQuery, connection):
        stand_ins = {name: next(_STAND_INS) for name in prepared.params}
        queryset = prepared.build(**stand_ins)
        query = queryset.query
        if (
            query.select_related
            or query.annotations
            or query.deferred_loading[0]
            or queryset._prefetch_related_lookups
            or not issubclass(queryset._iterable_class, ModelIterable)
        ):
            raise ValueError("PreparedQuery takes plain querysets of model instances only")
        self.connection = connection
        self.compiler = query.get_compiler(connection=connection)
        self.sql, compiled_params = self.compiler.as_sql()
        by_value = {value: name for name, value in stand_ins.items()}
        # (True, name): the call's value of ``name``; (False, value): a constant of the query.
        self.slots = [
            (True, by_value[value]) if type(value) is int and value in by_value else (False, value)
            for value in compiled_params
        ]
        missing = set(prepared.params) - {value for is_param, value in self.slots if is_param}
        if missing:
            raise ValueError(f"PreparedQuery parameters changed on their way to SQL: {missing}")
        select = self.compiler.select
        klass_info = self.compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.attnames = [column[0].target.attname for column in select[self.start : self.end]]
        self.converters = self.compiler.get_converters([column[0] for column in select])

    def run(self, params: dict, *, limit: int) -> list:
        values = [params[value] if is_param else value for is_param, value in self.slots]
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, values)
            rows = cursor.fetchmany(limit)
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        database = self.connection.alias
        return [
            self.model.from_db(database, self.attnames, row[self.start : self.end]) for row in rows
        ]


def insert_row(instance, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Save the new ``instance`` as ``instance.save()`` would, in one compiled INSERT, and
    give it the id (and any other columns) the database returned."""
    model = type(instance)
    if not instance._state.adding or (model._meta.auto_field and instance.pk is not None):
        raise ValueError(f"insert_row takes new {model._meta.label} instances without an id")
    connection = connections[using]
    statement = _per_connection(connection, ("insert", model), lambda: _Insert(model, connection))
    signals.pre_save.send(
        sender=model, instance=instance, raw=False, using=using, update_fields=None
    )
    instance._prepare_related_fields_for_save(operation_name="save")
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection)
        for field in statement.fields
    ]
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(statement.sql, values)
        returned = cursor.fetchone()
    for field, value in zip(statement.returning, returned, strict=True):
        setattr(instance, field.attname, value)
    instance._state.adding = False
    instance._state.db = using
    signals.post_save.send(
        sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using
    )


def update_row(
    instance, fields, *, only_if: dict | None = None, using: str = DEFAULT_DB_ALIAS
) -> bool:
    """Write ``fields`` of ``instance`` to its row in one compiled UPDATE, only where the row's
    columns still hold ``only_if`` (attname: value); say whether a row was written. Sends no
    signals, like ``QuerySet.update``."""
    model = type(instance)
    only_if = only_if or {}
    fields = tuple(fields)
    connection = connections[using]
    key = ("update", model, fields, tuple(only_if))
    statement = _per_connection(
        connection, key, lambda: _Update(model, fields, only_if, connection)
    )
    values = [
        field.get_db_prep_save(field.pre_save(instance, False), connection)
        for field in statement.fields
    ]
    values.append(model._meta.pk.get_db_prep_value(instance.pk, connection))
    values.extend(
        field.get_db_prep_value(only_if[field.attname], connection)
        for field in statement.conditions
    )
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(statement.sql, values)
        return cursor.rowcount > 0


def _per_connection(connection, key, build):
    """What ``build()`` compiled for ``key`` on this connection, compiled at its first use."""
    compiled = connection.__dict__.setdefault("_prepared", {})
    if key not in compiled:
        compiled[key] = build()
    return compiled[key]


def _own_fields(model, names) -> list:
    """The fields ``names`` (names or attnames) of ``model``'s own table, in that order."""
    opts = model._meta
    own = {field.name: field for field in opts.local_concrete_fields}
    own.update({field.attname: field for field in opts.local_concrete_fields})
    missing = [name for name in names if name not in own]
    if missing:
        raise ValueError(f"{opts.label} has no columns of its own named {missing}")
    return [own[name] for name in names]


def _placeholders(fields) -> str:
    for field in fields:
        if hasattr(field, "get_placeholder") or field.generated:
            raise ValueError(f"{field} needs SQL of its own: write it with the ORM")
    return ", ".join("%s" for _field in fields)


class _Insert:
    def __init__(self, model, connection):
        opts = model._meta
        if opts.parents:
            raise ValueError(f"{opts.label} has rows in its parents' tables: save it with the ORM")
        if not connection.features.can_return_columns_from_insert:
            raise ValueError(f"{connection.vendor} cannot return columns from an INSERT")
        self.fields = [f for f in opts.local_concrete_fields if f is not opts.auto_field]
        self.returning = list(opts.db_returning_fields)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in self.fields)
        returning, _params = connection.ops.return_insert_columns(self.returning)
        # Identifiers come from the model, quoted; every value is a parameter.
        self.sql = (
            f"INSERT INTO {quote(opts.db_table)} ({columns}) "  # noqa: S608
            f"VALUES ({_placeholders(self.fields)}) {returning}"
        )


class _Update:
    def __init__(self, model, fields, only_if, connection):
        opts = model._meta
        self.fields = _own_fields(model, fields)
        self.conditions = _own_fields(model, list(only_if))
        _placeholders(self.fields)
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in self.fields)
        where = " AND ".join(f"{quote(field.column)} = %s" for field in [opts.pk, *self.conditions])
        self.sql = f"UPDATE {quote(opts.db_table)} SET {assignments} WHERE {where}"  # noqa: S608
