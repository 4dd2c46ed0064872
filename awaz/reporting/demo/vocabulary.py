"""Words the demo generator builds fictional reports from.

Everything here is invented: names pair ordinary first names with surnames nobody has
("Example", "Sample" ...), e-mail addresses are at example.org, phone numbers come from
Ofcom's ranges reserved for drama (07700 900xxx, 01632 960xxx), and each account of what
happened is a template sentence that ends by saying it is fictional.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Aisha", "Ben", "Chen", "Dev", "Ewa", "Farah", "George", "Hana", "Ibrahim", "Jess",
    "Kofi", "Lena", "Marek", "Nadia", "Owen", "Priya", "Rhys", "Sofia", "Tariq", "Una",
    "Viktor", "Wen", "Yusuf", "Zofia", "Amir", "Bethan", "Callum", "Dalia", "Eilidh", "Femi",
)  # fmt: skip
SURNAMES = (
    "Example", "Sample", "Specimen", "Placeholder", "Fictional", "Madeup", "Pretend",
    "Testwell", "Demoford", "Mockley",
)  # fmt: skip

# Ofcom's numbers for drama: never allocated to a real line.
MOBILE_RANGE = ("07700 900", 1000)  # 07700 900000 - 07700 900999
LANDLINE_RANGE = ("01632 960", 1000)  # 01632 960000 - 01632 960999

# Share of mentions by strand (shared/DOMAIN.md: race 70%, sexual orientation 16%,
# disability 8%, religion 6%, transgender identity 3%) with the two local strands added.
# Weights of a report's first strand; a second one is sometimes added (see generator).
STRAND_WEIGHTS = {
    "race": 64.0,
    "sexual-orientation": 17.5,
    "disability": 8.0,
    "religion": 4.0,
    "transgender": 3.0,
    "sex-gender": 4.5,
    "alternative-subculture": 1.5,
}
# Second strands that tend to go with a first one.
STRAND_PAIRS = {
    "race": ("religion", "religion", "sex-gender", "disability"),
    "religion": ("race", "race", "sex-gender"),
    "sexual-orientation": ("transgender", "transgender", "race", "disability"),
    "transgender": ("sexual-orientation", "sex-gender"),
    "disability": ("race", "sexual-orientation", "sex-gender"),
    "sex-gender": ("race", "sexual-orientation", "religion"),
    "alternative-subculture": ("sexual-orientation", "disability"),
}

# What happened: public-order-like offences about 60%, violence about 30%, criminal damage
# about 5% (shared/DOMAIN.md), the rest something else.
INCIDENT_WEIGHTS = {
    "verbal_abuse": 30.0,
    "harassment": 13.0,
    "threats": 10.0,
    "online_abuse": 7.0,
    "physical_assault": 30.0,
    "criminal_damage": 3.0,
    "graffiti": 2.0,
    "other": 5.0,
}
# Types often reported together with the main one, and how often.
INCIDENT_COMPANIONS = {
    "physical_assault": (("verbal_abuse", 0.6), ("threats", 0.2)),
    "threats": (("verbal_abuse", 0.4),),
    "harassment": (("threats", 0.25), ("verbal_abuse", 0.3)),
    "criminal_damage": (("graffiti", 0.2),),
    "online_abuse": (("threats", 0.3),),
}
OTHER_INCIDENTS = (
    "Refused service in a shop",
    "Refused a taxi ride",
    "Leaflets pushed through the door",
    "Excluded from a group on purpose",
)

# Phrases about why, taking the victim's possessive ("my", "her", "their").
STRAND_PHRASES = {
    "race": ("{poss} skin colour", "where {subj} {be} from", "{poss} accent"),
    "religion": ("{poss} religion", "{poss} headscarf", "going to {poss} place of worship"),
    "sexual-orientation": ("being gay", "holding hands with {poss} partner", "being bisexual"),
    "disability": ("{poss} disability", "{poss} wheelchair", "{poss} learning disability"),
    "transgender": ("being trans", "how {subj} {look}", "being non-binary"),
    "sex-gender": ("being a woman", "what {subj} {be} wearing"),
    "alternative-subculture": ("dressing as a goth", "{poss} piercings and black clothes"),
}
NOT_SURE_PHRASE = "something about {obj}, though {subj} {be} not sure what"

OFFENDERS = (
    "A man", "A woman", "Two young men", "A group of teenagers", "A neighbour",
    "A stranger", "A passenger", "Someone I did not know", "A customer", "Three men",
)  # fmt: skip
PLACES = (
    "near the bus station", "in the town centre", "outside a shop", "in the park",
    "on the way home", "at the train station", "outside a takeaway", "on the high street",
    "in a pub car park", "at the supermarket",
)  # fmt: skip
TEMPLATES = {
    "verbal_abuse": "{who} shouted insults at {obj} about {why} {where}.",
    "threats": "{who} threatened {obj} because of {why} {where}.",
    "harassment": "{who} keeps following {obj} and making comments about {why}.",
    "online_abuse": "{who} sent {obj} abusive messages online about {why}.",
    "physical_assault": "{who} pushed {obj} and made comments about {why} {where}.",
    "criminal_damage": "{who} damaged {poss} car and left a note about {why}.",
    "graffiti": "Someone sprayed graffiti about {why} on {poss} front door.",
    "other": "{who} treated {obj} badly because of {why} {where}.",
}
FICTIONAL_NOTE = " (This is a fictional demo report.)"

# The victim as the reporter names them: (object, possessive, subject, "be", "look").
VICTIM_SELF = ("me", "my", "I", "am", "look")
VICTIM_SEEN = (
    ("a woman", "her", "she", "is", "looks"),
    ("a man", "his", "he", "is", "looks"),
    ("a young person", "their", "they", "are", "look"),
    ("a family", "their", "they", "are", "look"),
)
VICTIM_KNOWN = (  # reporting for someone: (object, possessive, subject, be, look, relationship)
    ("my son", "his", "he", "is", "looks", "Parent"),
    ("my daughter", "her", "she", "is", "looks", "Parent"),
    ("my friend", "their", "they", "are", "look", "Friend"),
    ("my mum", "her", "she", "is", "looks", "Son or daughter"),
    ("a person I support", "their", "they", "are", "look", "Support worker"),
    ("my partner", "their", "they", "are", "look", "Partner"),
)

# Answers about the victim, in the journey's codes (awaz/reporting/forms/choices.py; a test
# checks they stay in step); each may also be "prefer_not_to_say" or missing.
AGE_BANDS = ("under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus")
AGE_WEIGHTS = (6, 18, 24, 20, 14, 10, 5, 3)
GENDERS = ("woman", "man", "non_binary", "other")
ETHNICITIES = ("white", "mixed", "asian", "black", "other")
RELIGIONS = ("no_religion", "christian", "muslim", "jewish", "hindu", "sikh", "buddhist", "other")
ORIENTATIONS = ("straight", "gay_or_lesbian", "bisexual", "other")
LANGUAGES = ("Polish", "Arabic", "Romanian", "Urdu", "Bengali", "Ukrainian")
SUPPORT_KINDS = ("emotional", "practical", "police_courts", "housing", "advice")
SAFE_TIMES = (
    "Weekday evenings after 6pm",
    "Any time",
    "Please text first",
    "Mornings only",
    "Not at weekends",
)
OFFENDER_DESCRIPTIONS = (
    "A man in his twenties in a dark jacket (fictional description).",
    "Two women, one with a red coat (fictional description).",
    "Teenagers on bikes (fictional description).",
    "An older man with a dog (fictional description).",
    "",
)
STRAND_OTHER = ("Because of my age", "Because I am homeless", "Because of my accent")
LOCATION_TEMPLATES = (
    "Near the bus station in {town}",
    "On a street near {town} town centre",
    "Outside a shop in {town}",
    "In a park in {town}",
    "On the way home in {town}",
)
REPEAT_PLACES = (
    "Outside a fictional takeaway on Example Street, {town}",
    "At the fictional bus shelter on Sample Road, {town}",
    "In the fictional car park behind Placeholder Lane, {town}",
    "Outside the fictional corner shop on Specimen Street, {town}",
)
HOME_PLACE = "Near my home in {town}"
