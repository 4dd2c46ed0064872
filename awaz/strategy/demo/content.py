"""What the demo strategy says: its strands and objectives (from the partnership's seed),
about 30 actions, and the delivery projects. Every organisation is a demo partner made by
``manage.py seed_demo``; every action, update and figure is fictional."""

from __future__ import annotations

from dataclasses import dataclass

from awaz.reporting.demo.partners import CENTRES, HUB_NAME

NAME = "Cumbria hate crime strategy 2025-2028"
SUMMARY = (
    "A fictional demonstration strategy: how the partners will prevent hate, get more "
    "victims to report and to the support they need, reduce re-offending, and show that "
    "the plan is delivered."
)

# (number, title, focus): the four strands of the seed's action plan.
STRANDS: tuple[tuple[int, str, str], ...] = (
    (1, "Prevention", "Challenging attitudes; early intervention."),
    (
        2,
        "Increased reporting and access to support",
        "Building victim confidence to report a hate crime; improving the response to hate crime.",
    ),
    (3, "Offender management and reducing re-offending", "Tackling root causes of hate crime."),
    (4, "Performance management on delivering actions", ""),
)

# The seed's three strategic objectives, as it words them.
OBJECTIVES: tuple[str, ...] = (
    "Ensure that everyone is treated equally within the Criminal Justice System",
    "Raise awareness and understanding to challenge race, LGBT, religion, disability, gender "
    "identity discrimination, hate crime and other prejudiced attitudes.",
    "Develop an environment that increase the confidence levels of victims of hate crime to "
    "report it to the police",
)

POLICE = "Cumbria Constabulary (demo)"
PROBATION = "Probation Service (demo)"
CSP = "Community Safety Partnership Managers (demo)"
SUPPORT = HUB_NAME
PCC = "Office of the Police and Crime Commissioner (demo)"
CUMBERLAND = "Cumberland Council (demo)"
WESTMORLAND = "Westmorland and Furness Council (demo)"
HEALTH = "Health (demo)"
CVS = "CVS Safer Communities (demo)"
YOUTH = "Youth Service (demo)"
DISABILITY = "Fictional Disability Forum (demo)"
LGBT = "Fictional LGBT+ Network (demo)"
MULTICULTURAL = "Fictional Multicultural Society (demo)"
CENTRE_WORKINGTON = CENTRES[0][1]
CENTRE_CARLISLE = CENTRES[1][1]

# How an action's year goes (``seed.py`` turns it into milestones, statuses and updates):
GREEN = "green"  # on track all year
COMPLETE = "complete"  # finished during the year
AMBER = "amber"  # slipped a few months ago; amber with a reason
RED = "red"  # off track: red with a reason, a milestone well overdue
SLIPPED = "slipped"  # still recorded green, but a milestone is now overdue (shown amber)
EXPLAINED = "explained"  # a milestone overdue, green recorded since, with a reason
NOT_STARTED = "not_started"  # starts later in the strategy


@dataclass(frozen=True)
class ActionSpec:
    strand: int
    title: str
    lead: str
    supporting: tuple[str, ...]
    objectives: tuple[int, ...]
    story: str
    milestones: tuple[str, ...]


ACTIONS: tuple[ActionSpec, ...] = (
    # 1 Prevention: mostly on track (the strand rolls up green).
    ActionSpec(
        1,
        "Deliver hate crime awareness sessions in secondary schools",
        YOUTH,
        (POLICE, MULTICULTURAL, LGBT),
        (2,),
        GREEN,
        ("Session plan agreed with schools", "Sessions in 10 schools", "Sessions in 25 schools"),
    ),
    ActionSpec(
        1,
        "Train youth workers to challenge prejudiced language",
        YOUTH,
        (CVS,),
        (2,),
        COMPLETE,
        ("Course written", "First cohort trained", "Second cohort trained"),
    ),
    ActionSpec(
        1,
        "Run a county-wide Hate Crime Awareness Week each October",
        CSP,
        (POLICE, PCC, CUMBERLAND, WESTMORLAND, CVS),
        (2, 3),
        GREEN,
        ("Programme of events agreed", "Awareness week held", "Evaluation published"),
    ),
    ActionSpec(
        1,
        "Publish myth-busting material on disability hate crime",
        DISABILITY,
        (HEALTH, CUMBERLAND),
        (2,),
        COMPLETE,
        ("Material drafted with members", "Material published online and in print"),
    ),
    ActionSpec(
        1,
        "Early intervention referrals for young people showing prejudiced behaviour",
        YOUTH,
        (POLICE, CUMBERLAND),
        (1, 2),
        GREEN,
        ("Referral route agreed", "First referrals received", "Six-month review"),
    ),
    ActionSpec(
        1,
        "Faith and community leaders' network meets every quarter",
        MULTICULTURAL,
        (POLICE, CSP),
        (2,),
        GREEN,
        ("Terms of reference agreed", "Four meetings held"),
    ),
    ActionSpec(
        1,
        "Anti-hate messages in council communications and on buses",
        WESTMORLAND,
        (CUMBERLAND, CSP),
        (2,),
        GREEN,
        ("Campaign designed", "Campaign running in both council areas"),
    ),
    ActionSpec(
        1,
        "Awareness sessions for sports clubs",
        CVS,
        (YOUTH, LGBT),
        (2,),
        NOT_STARTED,
        ("Clubs recruited", "First sessions held"),
    ),
    # 2 Increased reporting and access to support: mixed (amber).
    ActionSpec(
        2,
        "Check every third-party reporting centre against the standard",
        SUPPORT,
        (CVS, CUMBERLAND, WESTMORLAND),
        (3,),
        AMBER,
        ("Standard agreed", "Half of the centres checked", "Every centre checked"),
    ),
    ActionSpec(
        2,
        "Recruit and train new reporting centres where there are gaps",
        SUPPORT,
        (CVS, CENTRE_WORKINGTON, CENTRE_CARLISLE),
        (3,),
        GREEN,
        ("Gaps mapped", "Eight new centres recruited", "New centres trained"),
    ),
    ActionSpec(
        2,
        "Online reporting promoted in community languages",
        MULTICULTURAL,
        (SUPPORT, POLICE),
        (3,),
        GREEN,
        ("Languages chosen with communities", "Leaflets and pages translated"),
    ),
    ActionSpec(
        2,
        "Victims contacted within the local standard of two working days",
        SUPPORT,
        (POLICE,),
        (1, 3),
        GREEN,
        ("Baseline measured", "Quarterly figures reported to the group"),
    ),
    ActionSpec(
        2,
        "Easy-read reporting guide with people with learning disabilities",
        DISABILITY,
        (SUPPORT, HEALTH),
        (3,),
        SLIPPED,
        ("Guide co-written", "Guide tested with members", "Guide published"),
    ),
    ActionSpec(
        2,
        "Hate crime champions in every neighbourhood policing team",
        POLICE,
        (CSP,),
        (1, 3),
        COMPLETE,
        ("Champions named", "Champions trained"),
    ),
    ActionSpec(
        2,
        "Reporting points in GP surgeries and pharmacies",
        HEALTH,
        (SUPPORT, CUMBERLAND),
        (3,),
        RED,
        ("Pilot surgeries chosen", "Pilot running in five surgeries", "Pilot evaluated"),
    ),
    ActionSpec(
        2,
        "LGBT+ safe spaces scheme in town centres",
        LGBT,
        (POLICE, WESTMORLAND),
        (2, 3),
        GREEN,
        ("Venues signed up", "Staff briefed in every venue"),
    ),
    ActionSpec(
        2,
        "Follow-up survey of victims' satisfaction",
        SUPPORT,
        (PCC,),
        (1, 3),
        GREEN,
        ("Questions agreed", "First six months of answers reported"),
    ),
    # 3 Offender management and reducing re-offending: behind (red).
    ActionSpec(
        3,
        "Values, attitudes and behaviour programme for hate crime offenders",
        PROBATION,
        (POLICE,),
        (1,),
        RED,
        ("Programme commissioned", "First course running", "First evaluation"),
    ),
    ActionSpec(
        3,
        "Restorative justice offered in suitable hate crime cases",
        PROBATION,
        (SUPPORT, POLICE),
        (1,),
        AMBER,
        ("Guidance for practitioners", "Ten cases offered restorative justice"),
    ),
    ActionSpec(
        3,
        "Youth offending service diversion for hate-motivated behaviour",
        CUMBERLAND,
        (YOUTH, POLICE),
        (1, 2),
        GREEN,
        ("Diversion scheme agreed", "First young people referred"),
    ),
    ActionSpec(
        3,
        "Repeat perpetrators reviewed at the monthly partnership meeting",
        POLICE,
        (PROBATION, CSP),
        (1,),
        RED,
        ("Information-sharing agreement signed", "Monthly reviews running"),
    ),
    ActionSpec(
        3,
        "Study of the root causes behind local hate crime",
        CSP,
        (HEALTH, CVS),
        (2,),
        GREEN,
        ("Research questions agreed", "Interviews and data analysis", "Findings presented"),
    ),
    ActionSpec(
        3,
        "Online hate: removal requests and referrals to platforms",
        POLICE,
        (LGBT, MULTICULTURAL),
        (2,),
        NOT_STARTED,
        ("Process agreed with platforms", "First quarter's figures"),
    ),
    # 4 Performance management on delivering actions (amber).
    ActionSpec(
        4,
        "Quarterly action plan report to the PCC's office",
        CSP,
        (PCC,),
        (1,),
        GREEN,
        ("Report format agreed", "Four quarterly reports sent"),
    ),
    ActionSpec(
        4,
        "Shared performance measures for hate crime across partners",
        CSP,
        (POLICE, SUPPORT, PCC),
        (1, 3),
        EXPLAINED,
        ("Measures agreed", "First dashboard shared", "Measures reviewed"),
    ),
    ActionSpec(
        4,
        "Issues escalated to the Safer Cumbria Action Group within a month",
        CSP,
        (CUMBERLAND, WESTMORLAND),
        (1,),
        GREEN,
        ("Escalation route written down", "Log of escalations kept"),
    ),
    ActionSpec(
        4,
        "Annual review of the strategy with communities",
        CUMBERLAND,
        (MULTICULTURAL, DISABILITY, LGBT),
        (2, 3),
        AMBER,
        ("Community events booked", "Review report agreed"),
    ),
    ActionSpec(
        4,
        "Partners' data on reports and outcomes combined every quarter",
        POLICE,
        (SUPPORT, CSP),
        (1,),
        GREEN,
        ("Data-sharing agreement signed", "First combined figures"),
    ),
    ActionSpec(
        4,
        "Training needs of partner staff assessed",
        HEALTH,
        (CSP,),
        (1,),
        COMPLETE,
        ("Survey sent to partners", "Findings reported"),
    ),
    ActionSpec(
        4,
        "Funding bids for delivery projects tracked",
        PCC,
        (CSP,),
        (1,),
        GREEN,
        ("Funding log started", "Six-monthly funding report"),
    ),
)
