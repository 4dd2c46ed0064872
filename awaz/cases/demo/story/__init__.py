"""One demo case from triage to closing, through the cases services only, with dates.

``case_story_run`` takes a ``CasePlan`` (which reports, who leads, when it opened and
closes) and tells the case's story with the lead caseworker and the partners as actors:
classification, first contact, consent taken by phone, risk, referrals answered by the
receiving organisation, key decisions and "victim told", messages with the reporter, notes,
tasks, monthly updates, the outcome and the satisfaction survey. Every step passes its date
(``at``/``occurred_at``), so the timelines and the Victims' Code clocks read as history.
Older cases get a coarser story than recent ones.

- ``plan``: the plan and context dataclasses, the time units and the outcome weights;
- ``base``: ``StoryBase``, what every step shares (``fits``, ``after``);
- ``triage``: opening, classification, first contact, consent by phone, risk;
- ``referral``: referrals, key decisions and updates, messages with the reporter;
- ``closing``: notes, tasks, the outcome and the satisfaction survey;
- ``run``: ``Story`` (the steps together) and ``case_story_run`` (their order).
"""

from awaz.cases.demo.story.plan import CasePlan, StoryContext
from awaz.cases.demo.story.run import Story, case_story_run

__all__ = ["CasePlan", "Story", "StoryContext", "case_story_run"]
