"""What the demo's meetings and issue log say: six issues raised by community safety
partnerships and agencies, three past meetings (other business, what was said about each
issue, minutes naming roles only, an action arising, what happened to issues afterwards)
and the next meeting. Every organisation is a demo partner; everything is fictional."""

from __future__ import annotations

from dataclasses import dataclass, field

from awaz.strategy.demo.content import CSP, CVS, POLICE, SUPPORT, WESTMORLAND, YOUTH

LOCATION = "Video call"


@dataclass(frozen=True)
class IssueSpec:
    key: str
    raised_by: str  # organisation name
    raised_days: int  # days before today
    title: str
    description: str


ISSUES: tuple[IssueSpec, ...] = (
    IssueSpec(
        "taxis",
        CSP,
        320,
        "Taxi and private hire drivers not reporting abuse from passengers",
        "Two community safety partnerships hear from drivers' groups that abuse from "
        "passengers is common at weekends but almost never reported: drivers do not know "
        "whether it counts, and fear losing fares. The licensing authorities differ in what "
        "they ask of operators. The group is asked to agree a county-wide approach.",
    ),
    IssueSpec(
        "football",
        POLICE,
        230,
        "Online hate after football matches crosses force boundaries",
        "After several matches this season, abusive posts aimed at players and supporters "
        "were reported in two force areas at once. Reports are being recorded twice or not "
        "at all because each force assumes the other has them. A protocol is needed with "
        "the neighbouring force and the clubs.",
    ),
    IssueSpec(
        "capacity",
        YOUTH,
        250,
        "More schools want awareness sessions than can be delivered this year",
        "Secondary schools in both council areas have asked for sessions in the summer "
        "term; the current project can deliver about two thirds of them.",
    ),
    IssueSpec(
        "rural",
        WESTMORLAND,
        150,
        "No reporting centre within twenty miles of several rural wards",
        "Mapping the reporting centres against the wards shows a band of rural wards with "
        "no centre nearby and poor public transport. Residents there report far less than "
        "elsewhere. The council cannot fund new centres alone.",
    ),
    IssueSpec(
        "waiting",
        SUPPORT,
        140,
        "Some victims wait weeks for a first contact after a referral",
        "Referrals between agencies sometimes wait weeks before anyone contacts the victim, "
        "mostly when the referral arrives during staff absence. The hub asks every agency to "
        "name a cover contact.",
    ),
    IssueSpec(
        "interpreting",
        CVS,
        30,
        "Reporting centres need interpreting support",
        "Volunteers at reporting centres say people leave without reporting when no one "
        "speaks their language. There is no shared budget or booking route for interpreters "
        "at third-party reporting centres.",
    ),
)


@dataclass(frozen=True)
class ArisingSpec:
    strand: int
    title: str
    lead: str
    supporting: tuple[str, ...]
    milestones: tuple[str, ...]


@dataclass(frozen=True)
class MeetingSpec:
    days: int  # days before today (negative: after)
    title: str
    other_business: tuple[tuple[str, str], ...]
    discussed: tuple[tuple[str, str], ...]  # (issue key, what was said)
    minutes: str
    arising: ArisingSpec | None = None
    after: tuple[tuple[str, str, int, str], ...] = field(default=())
    # (issue key, "escalate" / "resolve" / "close", days after the meeting, note)


MEETINGS: tuple[MeetingSpec, ...] = (
    MeetingSpec(
        300,
        "Quarterly meeting",
        (("Hate Crime Awareness Week: first plans", "The community safety partnership leads."),),
        (
            (
                "taxis",
                "The group agreed this needs the licensing authorities of both councils; "
                "the chair will take it to the county action group.",
            ),
        ),
        "Present: the chair; the police representative; the probation representative; "
        "both councils' community safety officers; the victim support hub manager; the "
        "voluntary sector representative; the youth service lead.\n"
        "1. The plan. Two actions are behind their milestones; the leads explained why and "
        "will report back next time.\n"
        "2. Patterns. The analyst described the month-by-month picture; nothing new stood "
        "out.\n"
        "3. Issue log. Taxi and private hire drivers: see the issue log. Agreed to escalate.\n"
        "4. Awareness week. The partnership managers will circulate a draft programme.\n"
        "Action arising: a leaflet for drivers, led by the licensing team.",
        ArisingSpec(
            2,
            "Publish reporting guidance for taxi and private hire drivers",
            WESTMORLAND,
            (POLICE,),
            ("Guidance agreed with both licensing teams", "Guidance sent to every operator"),
        ),
        (
            (
                "taxis",
                "escalate",
                14,
                "Asked for a county-wide licensing condition on reporting.",
            ),
        ),
    ),
    MeetingSpec(
        200,
        "Quarterly meeting",
        (("Feedback from Hate Crime Awareness Week", "A short report from each partner."),),
        (
            (
                "taxis",
                "The county action group has asked both licensing teams for a joint proposal.",
            ),
            (
                "football",
                "The police representative will draft a protocol with the neighbouring "
                "force; the group supports escalation.",
            ),
            (
                "capacity",
                "The youth service will prioritise schools with no session last year; the "
                "remaining requests move to the autumn programme.",
            ),
        ),
        "Present: the chair; the police representative; the PCC office observer; both "
        "councils' community safety officers; the victim support hub manager; two reporting "
        "centre coordinators; the youth service lead.\n"
        "1. The plan. Strand 3 is off track: the chair will raise the funding gap with the "
        "PCC office.\n"
        "2. Issue log. Three issues discussed (see the log). Online hate after matches to be "
        "escalated.\n"
        "3. Awareness week. Well attended; reports to centres rose in the weeks after.\n"
        "Action arising: add online hate to the schools sessions.",
        ArisingSpec(
            1,
            "Add a module on online hate to the schools sessions",
            YOUTH,
            (POLICE,),
            ("Module written and tested with one school", "Module used in every session"),
        ),
        (
            (
                "football",
                "escalate",
                10,
                "Asked the county action group to agree the protocol with the "
                "neighbouring force and the clubs.",
            ),
            (
                "capacity",
                "close",
                20,
                "Closed: the extra sessions are planned in the autumn programme; no "
                "escalation needed.",
            ),
        ),
    ),
    MeetingSpec(
        110,
        "Quarterly meeting",
        (("Reporting centre volunteers' training day", "Dates and venues."),),
        (
            (
                "taxis",
                "The county action group has agreed a licensing condition; both councils "
                "will confirm it.",
            ),
            (
                "football",
                "The protocol is in draft with the neighbouring force; clubs have agreed "
                "to share reports.",
            ),
            (
                "rural",
                "The group cannot fund new centres; the chair will ask the county action "
                "group for a rural outreach pilot.",
            ),
            (
                "waiting",
                "Every agency to name a cover contact for referrals by the next meeting.",
            ),
        ),
        "Present: the chair; the police representative; the probation representative; "
        "the PCC office observer; both councils' community safety officers; the victim "
        "support hub manager; the voluntary sector representative.\n"
        "1. The plan. Actions rated red were reviewed one by one; leads gave new dates.\n"
        "2. Issue log. Taxi drivers: licensing condition agreed at county level. Rural "
        "wards to be escalated. Waiting times: cover contacts to be named.\n"
        "3. Training day for centre volunteers agreed.\n"
        "Action arising: a quarterly map of centre coverage against rural wards.",
        ArisingSpec(
            2,
            "Map reporting centre coverage against rural wards every quarter",
            SUPPORT,
            (CVS, WESTMORLAND),
            ("First map shared with the group", "Outreach sites chosen for the pilot"),
        ),
        (
            (
                "rural",
                "escalate",
                7,
                "Asked the county action group to fund a rural outreach pilot.",
            ),
            (
                "taxis",
                "resolve",
                21,
                "Both licensing authorities added a condition: operators display how to "
                "report hate and record reports made to them. Drivers' groups welcomed it.",
            ),
        ),
    ),
)

NEXT_MEETING = MeetingSpec(
    -14,
    "Quarterly meeting",
    (
        ("Hate Crime Awareness Week: plans for next year", "The partnership managers lead."),
        ("Date of the annual review", ""),
    ),
    (),
    "",
)
