"""Every Awaz table and column explains itself (db_table_comment / db_comment), so analysts
can read the schema (MoJ money-to-prisoners' test_db_comments)."""

from django.apps import apps
from django.db import models


def _awaz_models():
    return [m for m in apps.get_models() if m.__module__.startswith("awaz.")]


def test_every_table_has_a_comment():
    missing = [m._meta.label for m in _awaz_models() if not m._meta.db_table_comment]
    assert missing == []


def test_every_column_has_a_comment():
    missing = []
    for model in _awaz_models():
        for field in model._meta.local_fields:
            if isinstance(field, models.AutoField):
                continue
            if not field.db_comment:
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []
