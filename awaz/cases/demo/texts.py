"""Plainly fictional words for the demo's case work: notes, contacts, messages, reasons.
Every free text ends with "(fictional)" so nobody mistakes it for a real case."""

from __future__ import annotations

CONTACTS = (
    "Called the victim, who talked through what happened and what would help (fictional).",
    "Met the victim at the reporting centre; agreed a plan for the next fortnight (fictional).",
    "Phoned to check in: the victim feels safer since the last visit (fictional).",
    "Left a voicemail at the agreed safe time, then spoke the next morning (fictional).",
    "Home visit with an interpreter; explained the options and the next steps (fictional).",
)
UPDATES = (
    "Monthly update call: told the victim where the case stands (fictional).",
    "Update by phone: no new incidents this month, support continues (fictional).",
    "Update call: explained what the police are doing next (fictional).",
)
PRIVATE_NOTES = (
    "Checked the earlier reports from the same street: two last spring (fictional).",
    "Spoke to the housing officer about a move; waiting to hear (fictional).",
    "Neighbourhood team will add the street to patrols for a month (fictional).",
    "The victim prefers calls after 6 pm; noted for the team (fictional).",
)
SHARED_NOTES = (
    "We have passed your report to our support team, who will call you this week (fictional).",
    "Thank you for the photos. We have added them to your case (fictional).",
    "The neighbourhood team will walk past your street more often this month (fictional).",
)
TO_REPORTER = (
    "Hello, we have read your report. Would a call on Thursday afternoon suit you? (fictional)",
    "Thank you for getting back to us. Is there anything else we can help with? (fictional)",
    "We would like to check how things are now. Reply here when you can (fictional).",
)
FROM_REPORTER = (
    "Thursday is fine, after 3 pm please (fictional).",
    "Things are quieter now, thank you for checking (fictional).",
    "It happened again on Saturday; can someone ring me? (fictional)",
)
REFERRAL_REASONS = {
    "victim_support": "Emotional and practical support after a hate incident (fictional).",
    "police": "The victim would like the police to know; possible offence (fictional).",
    "council": "Anti-social behaviour near the victim's home; council tenancy (fictional).",
    "subject_expert": "Specialist advice and a trusted contact in the community (fictional).",
}
DECLINE_REASONS = (
    "Outside our area: please refer to the neighbouring service (fictional).",
    "The victim is already supported by our team under another case (fictional).",
)
DECISION_NOTES = {
    "arrest": "Suspect arrested and interviewed (fictional).",
    "charge": "Suspect charged with a public order offence (fictional).",
    "bail": "Suspect released on bail with conditions (fictional).",
    "no_further_action": "No further action: not enough evidence (fictional).",
    "out_of_court": "Community resolution agreed with the suspect (fictional).",
}
INFORMED = "Told the victim by phone and explained what happens next (fictional)."
THRESHOLD_MET = "Real risk of a future offence: repeated threats near the home (fictional)."
THRESHOLD_NOT_MET = "No intentional hostility shown; subject's details not recorded (fictional)."
OVERRIDE_REASON = (
    "The victim is isolated and the incidents are escalating; medium on judgement (fictional)."
)
TASKS = (
    ("Call the victim back", "Agreed at the first call (fictional)."),
    ("Ask the housing officer about a move", ""),
    ("Send the victim the support leaflet in Polish", ""),
    ("Check the CCTV request with the neighbourhood team", ""),
    ("Arrange a visit with the interpreter", ""),
    ("Review the risk assessment", ""),
)
