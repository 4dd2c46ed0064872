"""Periodic job of the publishing app (scheduled in ``CELERY_BEAT_SCHEDULE``): publish each
quarter of open statistics as soon as it is due, so no visitor's request has to."""

import logging

from celery import shared_task

from awaz.publishing.disclosure import DisclosureError
from awaz.publishing.services import statistics_publish_due

logger = logging.getLogger(__name__)


@shared_task(name="awaz.publishing.tasks.publish_due_statistics")
def publish_due_statistics() -> int:
    """Daily: publish every quarter that is due; fail closed if one cannot be protected."""
    try:
        return len(statistics_publish_due())
    except DisclosureError:
        logger.exception("open statistics: a quarter could not be protected; not published")
        return 0
