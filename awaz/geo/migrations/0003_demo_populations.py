"""Give an existing demonstration database the demo areas' populations.

New demo databases get them from ``awaz.geo.demo.demo_geography_create``; this fills in the
same figures (``demo_populations()``, frozen here; a test checks they agree) where a demo
area has none. Areas that are not demo rows are never touched.
"""

from django.db import migrations

DEMO_POPULATION_YEAR = 2021
DEMO_POPULATIONS = {
    "DEMO-CUMBRIA": 500000,
    "DEMO-CUM": 274000,
    "DEMO-WF": 226000,
    "DEMO-N-CARLISLE": 108904,
    "DEMO-N-WORKINGTON": 28035,
    "DEMO-N-WHITEHAVEN": 27202,
    "DEMO-N-MARYPORT": 15159,
    "DEMO-N-COCKERMOUTH": 17141,
    "DEMO-N-KESWICK": 20553,
    "DEMO-N-WIGTON": 22277,
    "DEMO-N-EGREMONT": 19668,
    "DEMO-N-MILLOM": 15061,
    "DEMO-N-BARROW": 59861,
    "DEMO-N-ULVERSTON": 22750,
    "DEMO-N-KENDAL": 50202,
    "DEMO-N-WINDERMERE": 23548,
    "DEMO-N-PENRITH": 38892,
    "DEMO-N-APPLEBY": 30747,
}


def demo_populations_fill(apps, schema_editor):
    Area = apps.get_model("geo", "Area")
    for code, population in DEMO_POPULATIONS.items():
        Area.objects.filter(code=code, is_demo=True, population__isnull=True).update(
            population=population, population_year=DEMO_POPULATION_YEAR
        )


class Migration(migrations.Migration):
    dependencies = [("geo", "0002_area_population")]

    operations = [migrations.RunPython(demo_populations_fill, migrations.RunPython.noop)]
