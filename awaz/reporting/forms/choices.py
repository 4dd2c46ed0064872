"""Answer options of the reporting journey (codes stored in the report, labels translated).

Equality questions use the Office for National Statistics 2021 census high-level groups.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

Choices = list[tuple[str, object]]

PREFER_NOT_TO_SAY = "prefer_not_to_say"
DONT_KNOW = "dont_know"
NONE = "none"
OTHER = "other"
NOT_SURE = "not_sure"

YES_NO: Choices = [("yes", _("Yes")), ("no", _("No"))]
YES_NO_NOT_SURE: Choices = [("yes", _("Yes")), ("no", _("No")), (NOT_SURE, _("I'm not sure"))]

AGE_BANDS: Choices = [
    ("under_18", _("Under 18")),
    ("18_24", _("18 to 24")),
    ("25_34", _("25 to 34")),
    ("35_44", _("35 to 44")),
    ("45_54", _("45 to 54")),
    ("55_64", _("55 to 64")),
    ("65_74", _("65 to 74")),
    ("75_plus", _("75 or over")),
]
GENDER: Choices = [
    ("woman", _("Woman")),
    ("man", _("Man")),
    ("non_binary", _("Non-binary")),
    ("other", _("In another way")),
]
UNDER_18 = "under_18"  # the age band
ADULT_AGE_BANDS = frozenset(code for code, _label in AGE_BANDS if code != UNDER_18)

DISABILITY: Choices = [("yes", _("Yes")), ("no", _("No"))]
# ONS 2021 high-level ethnic groups (England and Wales).
ETHNICITY: Choices = [
    ("asian", _("Asian or Asian British")),
    ("black", _("Black, Black British, Caribbean or African")),
    ("mixed", _("Mixed or multiple ethnic groups")),
    ("white", _("White")),
    ("other", _("Other ethnic group")),
]
# ONS 2021 religion question.
RELIGION: Choices = [
    ("no_religion", _("No religion")),
    ("christian", _("Christian")),
    ("buddhist", _("Buddhist")),
    ("hindu", _("Hindu")),
    ("jewish", _("Jewish")),
    ("muslim", _("Muslim")),
    ("sikh", _("Sikh")),
    ("other", _("Any other religion")),
]
# ONS 2021 sexual orientation question.
SEXUAL_ORIENTATION: Choices = [
    ("straight", _("Straight or heterosexual")),
    ("gay_or_lesbian", _("Gay or lesbian")),
    ("bisexual", _("Bisexual")),
    ("other", _("Another sexual orientation")),
]

COMMUNICATION_NEEDS: Choices = [
    ("interpreter", _("An interpreter")),
    ("bsl", _("A British Sign Language (BSL) interpreter")),
    ("easy_read", _("Information in easy read")),
]

OFFENDER_COUNT: Choices = [
    ("1", _("One person")),
    ("2", _("Two people")),
    ("3_or_more", _("Three or more people")),
    (NOT_SURE, _("I'm not sure")),
]

SUPPORT_KINDS: Choices = [
    ("emotional", _("Someone to talk to")),
    ("practical", _("Practical help, for example with security or repairs")),
    ("police_courts", _("Help dealing with the police or courts")),
    ("housing", _("Help with housing")),
    ("advice", _("Advice about my rights")),
]

CONTACT_METHODS: Choices = [
    ("email", _("Email")),
    ("phone", _("Phone call")),
    ("text", _("Text message")),
    ("letter", _("Letter")),
]

CONTACT_CHOICE: Choices = [
    ("yes", _("Yes, you can contact me")),
    ("no", _("No, I want to stay anonymous")),
]
