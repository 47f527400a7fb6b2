import uuid

import pytest
from django.core.exceptions import ValidationError

from surveys import services
from surveys.factories import QuestionnaireFactory, answer
from surveys.models import Answer, QuestionnaireTemplate, Response
from surveys.services import QuestionInput

CONSENT = {"consent": "yes", "considered": "no"}


def test_it_ships_the_templates_as_data(db):
    codes = set(QuestionnaireTemplate.objects.values_list("code", flat=True))
    assert codes == {
        "listening",
        "workshop-before",
        "workshop-after",
        "event-feedback",
        "careers-lead-feedback",
    }
    before = QuestionnaireFactory(template="workshop-before")
    goals = before.current_version.questions.filter(goal__isnull=False)
    assert sorted(goals.values_list("goal__code", flat=True)) == [
        "access",
        "achievement",
        "aspiration",
        "awareness",
    ]


def test_a_lead_copies_a_template_into_their_programme(lead, programme):
    template = QuestionnaireTemplate.objects.get(code="listening")
    questionnaire = services.questionnaire_create(
        user=lead, programme=programme, title="Listening", template=template
    )
    assert questionnaire.include_about_you
    assert questionnaire.current_version.questions.count() == 8


def test_a_lead_cannot_create_one_in_another_area(lead, other_programme):
    with pytest.raises(ValidationError):
        services.questionnaire_create(user=lead, programme=other_programme, title="No")


def test_a_careers_lead_cannot_build(careers, programme, event):
    with pytest.raises(ValidationError):
        services.questionnaire_create(user=careers, programme=programme, title="No")


def test_versioning_keeps_old_answers_valid(listening):
    old = answer(listening, **CONSENT)
    old_answer = old.answers.get(question__key="considered")
    services.question_save(
        questionnaire=listening,
        key="considered",
        data=QuestionInput(
            kind="single",
            text="Would you work in care?",
            options=[("maybe", "Maybe"), ("yes", "Yes")],
        ),
    )
    listening.refresh_from_db()
    assert listening.current_version.number == 2
    old_answer.refresh_from_db()
    # The old answer still points at the question and option it was given for.
    assert old_answer.question.text == "Have you ever thought about working in health and care?"
    assert old_answer.option.label == "No"
    assert old_answer.question.version.number == 1
    new = answer(listening, consent="yes", considered="maybe")
    assert new.version.number == 2
    # Further edits go to version 2 until it has answers of its own... which it now has.
    services.question_move(questionnaire=listening, key="considered", direction="up")
    listening.refresh_from_db()
    assert listening.current_version.number == 3


def test_edits_before_any_answer_stay_in_the_same_version(listening):
    services.question_move(questionnaire=listening, key="vacancies_from", direction="up")
    services.question_delete(questionnaire=listening, key="anything_else")
    assert listening.versions.count() == 1
    keys = list(
        listening.current_version.questions.filter(section__position=2).values_list(
            "key", flat=True
        )
    )
    assert keys == ["vacancies_from", "advice_from"]


def test_a_copied_version_keeps_show_if_links(listening):
    answer(listening, **CONSENT)
    services.section_create(questionnaire=listening, title="More")
    version = listening.current_version
    why = version.questions.get(key="why_interested")
    assert why.show_if.question.version == version
    assert why.show_if.value == "yes"


def test_show_if_questions_count_only_when_their_answer_was_chosen(listening):
    hidden = answer(listening, consent="yes", considered="no", why_interested="Ignored")
    assert not hidden.answers.filter(question__key="why_interested").exists()
    shown = answer(listening, consent="yes", considered="yes", why_interested="I like helping")
    assert shown.answers.get(question__key="why_interested").text == "I like helping"


def test_a_required_answer_missing_saves_nothing(listening):
    with pytest.raises(ValidationError) as error:
        answer(listening, consent="yes")
    assert "considered" in error.value.message_dict
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0


def test_a_choice_not_among_the_options_is_refused(listening):
    with pytest.raises(ValidationError) as error:
        answer(listening, consent="yes", considered="perhaps")
    assert error.value.message_dict["considered"] == ["Choose one of the answers shown."]


def test_text_over_the_limit_is_refused(listening):
    with pytest.raises(ValidationError) as error:
        answer(listening, consent="yes", considered="no", anything_else="x" * 2001)
    assert "2000 characters" in error.value.message_dict["anything_else"][0]


def test_script_tags_are_stored_as_text(listening):
    response = answer(listening, consent="yes", considered="no", anything_else="<script>x</script>")
    assert response.answers.get(question__key="anything_else").text == "<script>x</script>"


def test_other_please_say_needs_words(listening):
    with pytest.raises(ValidationError):
        answer(listening, consent="yes", considered="no", roles_known=["other"])
    response = answer(
        listening,
        consent="yes",
        considered="no",
        roles_known=["nurse", "other"],
        roles_known_other="Porter",
    )
    texts = set(response.answers.filter(question__key="roles_known").values_list("text", flat=True))
    assert texts == {"", "Porter"}


def test_submission_is_idempotent_by_client_id(listening):
    client_id = uuid.uuid4()
    first = answer(listening, client_id=client_id, **CONSENT)
    again = answer(listening, client_id=client_id, **CONSENT)
    assert first.pk == again.pk
    assert Response.objects.count() == 1


def test_a_closed_questionnaire_takes_no_answers(listening):
    import datetime

    listening.closes_on = datetime.date(2020, 1, 1)
    listening.save()
    with pytest.raises(ValidationError, match="closed"):
        answer(listening, **CONSENT)


def test_someone_who_declines_consent_leaves_only_that_answer(listening):
    response = answer(listening, consent="no", considered="yes", about_gender="boy_man")
    assert list(response.answers.values_list("question__key", flat=True)) == ["consent"]
    assert not hasattr(response, "about_you") or response.about_you is None


def test_under_13s_give_no_personal_data(listening):
    response = answer(
        listening,
        about_age_band="under_13",
        about_gender="girl_woman",
        about_postcode_district="GL52",
        **CONSENT,
    )
    about = response.about_you
    assert about.age_band == "under_13"
    assert about.gender == ""
    assert about.postcode_district == ""


def test_a_full_postcode_is_refused(listening):
    with pytest.raises(ValidationError) as error:
        answer(listening, about_postcode_district="GL52 8AE", **CONSENT)
    assert "first part" in error.value.message_dict["about_postcode_district"][0]


def test_the_reading_age_rises_with_long_words():
    assert services.reading_age("Do you like jobs?") < services.reading_age(
        "Have you contemplated opportunities within multidisciplinary organisational environments?"
    )
    assert services.reading_age("") is None


def test_themes_tag_only_free_text_of_the_questionnaire(listening, elsewhere):
    response = answer(listening, consent="yes", considered="yes", why_interested="Helping people")
    text_answer = response.answers.get(question__key="why_interested")
    theme = services.theme_create(questionnaire=listening, name="Interested in working")
    services.answer_tags_set(
        questionnaire=listening, answer_id=text_answer.pk, theme_ids=[theme.pk]
    )
    assert text_answer.tags.count() == 1
    with pytest.raises(ValidationError):
        services.theme_create(questionnaire=listening, name="interested in working")
    other_theme = services.theme_create(questionnaire=elsewhere, name="Mentoring")
    with pytest.raises(ValidationError):
        services.answer_tags_set(
            questionnaire=listening, answer_id=text_answer.pk, theme_ids=[other_theme.pk]
        )


def test_the_rate_limit_counts_per_address_without_storing_it(listening, settings):
    from django.core.cache import cache

    settings.SURVEYS_SUBMISSIONS_PER_MINUTE = 2
    cache.clear()
    allowed = [
        services.submission_allowed(questionnaire=listening, address="10.0.0.1") for _ in range(3)
    ]
    assert allowed == [True, True, False]
    assert services.submission_allowed(questionnaire=listening, address="10.0.0.2")


def test_a_question_cannot_depend_on_one_after_it(listening):
    with pytest.raises(ValidationError):
        services.question_save(
            questionnaire=listening,
            key="considered",
            data=QuestionInput(kind="yes_no", text="Considered?", show_if="stoppers=pay"),
        )
    # Moving a dependent question above the one it depends on is refused too.
    with pytest.raises(ValidationError):
        services.question_move(questionnaire=listening, key="why_interested", direction="up")
    keys = list(listening.current_version.questions.values_list("key", flat=True))
    assert keys.index("considered") < keys.index("why_interested")


def test_the_school_year_can_be_asked_on_its_own(programme):
    before = QuestionnaireFactory(programme=programme, template="workshop-before")
    assert before.ask_year_group
    assert not before.include_about_you
    goals = dict.fromkeys(("know_jobs", "see_myself", "work_experience", "subjects"), "3")
    response = answer(before, consent="yes", about_year_group="9", about_gender="boy_man", **goals)
    assert response.about_you.year_group == "9"
    assert response.about_you.gender == ""  # not asked, so not kept
