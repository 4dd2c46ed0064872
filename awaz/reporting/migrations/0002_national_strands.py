"""The five centrally monitored strands exist in every installation. Local strands are
configuration (admin or demo data)."""

from django.db import migrations

NATIONAL = [
    ("race", "Race or ethnicity", "Including skin colour, nationality and national origin.", 10),
    ("religion", "Religion or belief", "Including having no religion or belief.", 20),
    (
        "sexual-orientation",
        "Sexual orientation",
        "Being gay, lesbian, bisexual or heterosexual, or seen as one.",
        30,
    ),
    ("disability", "Disability", "Any physical, learning or mental health disability.", 40),
    (
        "transgender",
        "Transgender identity",
        "Being transgender, non-binary or cross-dressing, or seen as one.",
        50,
    ),
]


def create(apps, schema_editor):
    Strand = apps.get_model("reporting", "Strand")
    for code, name, description, order in NATIONAL:
        Strand.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "is_national": True,
                "sort_order": order,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("reporting", "Strand").objects.filter(
        code__in=[c for c, *_ in NATIONAL]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
