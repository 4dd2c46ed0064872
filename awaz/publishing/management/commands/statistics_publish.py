"""Publish every quarter of open statistics that is due (the public page does it too)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from awaz.publishing.disclosure import DisclosureError
from awaz.publishing.periods import Quarter
from awaz.publishing.services import statistics_publish_due


class Command(BaseCommand):
    help = "Publish the open statistics of every complete quarter that is due."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            releases = statistics_publish_due()
        except DisclosureError as error:
            raise CommandError(
                f"Not published: the tables could not be protected ({error})."
            ) from error
        for release in releases:
            self.stdout.write(f"Published {Quarter.starting(release.quarter_start).code}.")
        if not releases:
            self.stdout.write("No quarter is due.")
