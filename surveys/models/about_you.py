"""The standard 'about you' block: every question offers 'prefer not to say'. A respondent
under 13 is asked for nothing but their age band; services drop anything else sent."""

from django.db import models

PREFER_NOT = "prefer_not"
PREFER = (PREFER_NOT, "Prefer not to say")
YES_NO = [("yes", "Yes"), ("no", "No"), PREFER]

AGE_BANDS = [
    ("under_13", "Under 13"),
    ("13_15", "13 to 15"),
    ("16_18", "16 to 18"),
    ("19_24", "19 to 24"),
    ("25_plus", "25 or over"),
    PREFER,
]
UNDER_13 = "under_13"
GENDERS = [
    ("girl_woman", "Girl or woman"),
    ("boy_man", "Boy or man"),
    ("non_binary", "Non-binary"),
    ("other", "In another way"),
    PREFER,
]
# Ethnic groups as in the 2021 Census for England and Wales (ONS), 19 categories.
ETHNIC_GROUPS = [
    ("asian_bangladeshi", "Asian or Asian British: Bangladeshi"),
    ("asian_chinese", "Asian or Asian British: Chinese"),
    ("asian_indian", "Asian or Asian British: Indian"),
    ("asian_pakistani", "Asian or Asian British: Pakistani"),
    ("asian_other", "Asian or Asian British: any other Asian background"),
    ("black_african", "Black, Black British, Caribbean or African: African"),
    ("black_caribbean", "Black, Black British, Caribbean or African: Caribbean"),
    ("black_other", "Black, Black British, Caribbean or African: any other Black background"),
    ("mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"),
    ("mixed_white_black_african", "Mixed or multiple ethnic groups: White and Black African"),
    (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    ),
    ("mixed_other", "Mixed or multiple ethnic groups: any other mixed background"),
    ("white_british", "White: English, Welsh, Scottish, Northern Irish or British"),
    ("white_irish", "White: Irish"),
    ("white_gypsy_traveller", "White: Gypsy or Irish Traveller"),
    ("white_roma", "White: Roma"),
    ("white_other", "White: any other White background"),
    ("other_arab", "Other ethnic group: Arab"),
    ("other_any", "Other ethnic group: any other ethnic group"),
    PREFER,
]
YEAR_GROUPS = [(str(n), f"Year {n}") for n in range(7, 14)] + [
    ("not_at_school", "Not at school"),
    PREFER,
]

# (field name, question, choices); the postcode district is typed, not chosen.
ABOUT_YOU_FIELDS = [
    ("age_band", "How old are you?", AGE_BANDS),
    ("year_group", "What school year are you in?", YEAR_GROUPS),
    ("gender", "How do you describe yourself?", GENDERS),
    ("ethnic_group", "What is your ethnic group?", ETHNIC_GROUPS),
    ("disability", "Do you have a disability or long-term health condition?", YES_NO),
    ("young_carer", "Do you look after someone in your family (a young carer)?", YES_NO),
    ("deaf", "Are you deaf or hard of hearing?", YES_NO),
    ("first_language_english", "Is English your first language?", YES_NO),
    ("in_care", "Are you in care, or have you left care?", YES_NO),
]


def _choice(choices):
    return models.CharField(max_length=32, choices=choices, blank=True)


class AboutYou(models.Model):
    response = models.OneToOneField(
        "surveys.Response", on_delete=models.CASCADE, related_name="about_you"
    )
    age_band = _choice(AGE_BANDS)
    year_group = _choice(YEAR_GROUPS)
    gender = _choice(GENDERS)
    ethnic_group = _choice(ETHNIC_GROUPS)
    disability = _choice(YES_NO)
    young_carer = _choice(YES_NO)
    deaf = _choice(YES_NO)
    first_language_english = _choice(YES_NO)
    in_care = _choice(YES_NO)
    postcode_district = models.CharField(
        max_length=4, blank=True, help_text="The first half of a postcode only, e.g. GL52."
    )

    class Meta:
        verbose_name_plural = "about you answers"

    def __str__(self):
        return f"About the respondent of response {self.response_id}"
