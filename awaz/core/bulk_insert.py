"""Inserting many new rows fast, for bulk imports (``awaz.imports``).

``rows_insert`` writes unsaved model instances with one prepared ``INSERT`` run by
``executemany``, so each value goes through its field's ``get_db_prep_save`` (encrypted
fields are sealed, JSON adapted, dates converted) exactly as ``save()`` and
``bulk_create`` do, but without building a many-row statement in the ORM's compiler,
which for wide tables cost more than the database itself (about 5 ms a report in
``bulk_create``). Ids of auto-numbered rows are taken beforehand and set on the
instances, so later rows can point at them: on PostgreSQL from the table's sequence, on
SQLite past the largest id (safe because Awaz's SQLite transactions are ``IMMEDIATE``:
the write lock is held from the start, so no other writer can take an id meanwhile).

No ``save()``, no signals (Awaz has none on these models): the caller is a service that
writes what the per-row path writes, and tests compare the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

BATCH = 1000

# Fields whose value goes to the database as the instance holds it (``get_db_prep_save``
# would return it unchanged): checked by exact type, so a subclass (an encrypted text
# field is a ``TextField``) takes the full path.
_TEXT = (models.CharField, models.TextField, models.SlugField)
_AS_IS = (
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.BooleanField,
    models.AutoField,
    models.BigAutoField,
)


def _as_is(field: Any) -> bool:
    if type(field) in _AS_IS:
        return True
    if type(field) in (models.ForeignKey, models.OneToOneField):
        return _as_is(field.target_field)
    return False


def _take_ids(model: type[models.Model], n: int) -> list[int]:
    table = model._meta.db_table
    column = str(model._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, n],
            )
            return [row[0] for row in cursor.fetchall()]
        if not connection.in_atomic_block:
            raise RuntimeError("rows_insert takes ids only inside a transaction")
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {quoted}")  # noqa: S608
        largest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(largest, found[0] if found else 0) + 1
        return list(range(start, start + n))


def rows_insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert ``objs`` (new instances of ``model``), setting the id of each that has none."""
    if not objs:
        return
    meta = model._meta
    pk = meta.pk
    auto = isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField)
    if auto:
        missing = [obj for obj in objs if obj.pk is None]
        for obj, new_id in zip(missing, _take_ids(model, len(missing)), strict=True):
            obj.pk = new_id
    fields = meta.concrete_fields
    ops = connection.ops
    columns = ", ".join(ops.quote_name(str(f.column)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    # Per field: its value as is (numbers, flags, ids), as is when it is a str (text), or
    # through the field (encrypted, JSON, dates, anything else).
    plain = [(f.attname, _as_is(f), type(f) in _TEXT, f) for f in fields]

    rows: list[list[Any]] = []
    with connection.cursor() as cursor:
        for obj in objs:
            held = obj.__dict__  # a new instance holds every column's value by its attname
            row: list[Any] = []
            for name, as_is, text, field in plain:
                found = held[name]
                if as_is or (text and type(found) is str):
                    row.append(found)
                else:
                    row.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
            rows.append(row)
            if len(rows) >= BATCH:
                cursor.executemany(sql, rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
