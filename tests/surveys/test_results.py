from surveys.factories import QuestionnaireFactory, answer
from surveys.selectors import ResultFilters, goal_comparison, question_results, theme_counts
from surveys.services import answer_tags_set, theme_create


def _row(results, key, label):
    result = next(r for r in results if r["question"].key == key)
    return next(row for row in result["rows"] if row["label"] == label), result


def test_counts_under_five_are_suppressed(listening):
    for _ in range(6):
        answer(listening, consent="yes", considered="yes", roles_known=["nurse"])
    for _ in range(3):
        answer(listening, consent="yes", considered="no", roles_known=["doctor"])
    results = question_results(listening, listening.current_version)
    nurse, result = _row(results, "roles_known", "Nurse")
    doctor, _ = _row(results, "roles_known", "Doctor")
    assert result["respondents"] == 9
    assert (nurse["count"], nurse["percent"]) == (6, 67)
    assert doctor["count"] is None
    assert doctor["percent"] is None


def test_a_question_answered_by_fewer_than_five_shows_no_breakdown(listening):
    for _ in range(4):
        answer(listening, consent="yes", considered="yes")
    yes, result = _row(question_results(listening, listening.current_version), "considered", "Yes")
    assert result["too_few"]
    assert result["respondents"] is None
    assert yes["count"] is None


def test_filters_by_about_you_answer_and_event(listening, event):
    for _ in range(5):
        answer(listening, consent="yes", considered="yes", about_year_group="9")
    for _ in range(5):
        answer(listening, consent="yes", considered="no", about_year_group="10")
    filters = ResultFilters.from_query({"year_group": "9", "event": str(event.pk)})
    yes, result = _row(
        question_results(listening, listening.current_version, filters), "considered", "Yes"
    )
    assert result["respondents"] == 5
    assert yes["count"] == 5
    empty = ResultFilters.from_query({"school": "999999"})
    _, result = _row(
        question_results(listening, listening.current_version, empty), "considered", "Yes"
    )
    assert result["respondents"] is None
    assert not result["too_few"]


def test_theme_counts_appear_and_are_suppressed(listening):
    theme = theme_create(questionnaire=listening, name="Interested in working")
    small = theme_create(questionnaire=listening, name="Youth Healthwatch")
    for n in range(6):
        response = answer(listening, consent="yes", considered="yes", why_interested=f"Reason {n}")
        text = response.answers.get(question__key="why_interested")
        themes = [theme.pk] + ([small.pk] if n == 0 else [])
        answer_tags_set(questionnaire=listening, answer_id=text.pk, theme_ids=themes)
    counts = {row["theme"].name: row["count"] for row in theme_counts(listening)}
    assert counts == {"Interested in working": 6, "Youth Healthwatch": None}


def _pair(programme):
    before = QuestionnaireFactory(programme=programme, template="workshop-before")
    after = QuestionnaireFactory(programme=programme, template="workshop-after", before=before)
    return before, after


def _goal_answers(score):
    return {key: str(score) for key in ("know_jobs", "see_myself", "work_experience", "subjects")}


def test_before_and_after_compare_per_goal_as_groups_and_matched_pairs(programme):
    before, after = _pair(programme)
    before.ask_match_code = after.ask_match_code = True
    before.save()
    after.save()
    for n in range(6):
        answer(before, consent="yes", match_code=f"CODE{n}", **_goal_answers(2))
        answer(after, consent="yes", match_code=f"CODE{n}", **_goal_answers(4 if n < 5 else 2))
    answer(after, consent="yes", **_goal_answers(5))  # not matched: no code
    rows = {row["goal"].code: row for row in goal_comparison(after)}
    assert set(rows) == {"awareness", "aspiration", "access", "achievement"}
    awareness = rows["awareness"]
    assert awareness["before"]["respondents"] == 6
    assert awareness["after"]["respondents"] == 7
    assert awareness["before"]["agree_percent"] == 0
    assert awareness["after"]["agree_percent"] == 86
    assert awareness["agree_shift"] == 86
    matched = awareness["matched"]
    assert matched["pairs"] == 6
    assert matched["improved"] == 5
    assert matched["same"] is None  # one person: suppressed
    assert matched["mean_change"] == round(10 / 6, 2)


def test_fewer_than_five_pairs_are_not_shown(programme):
    before, after = _pair(programme)
    before.ask_match_code = after.ask_match_code = True
    before.save()
    after.save()
    for n in range(3):
        answer(before, consent="yes", match_code=f"PAIR{n}", **_goal_answers(1))
        answer(after, consent="yes", match_code=f"PAIR{n}", **_goal_answers(5))
    row = goal_comparison(after)[0]
    assert row["matched"] is None
    assert row["too_few_pairs"]
    assert row["before"]["respondents"] is None


def test_results_use_a_fixed_number_of_queries(listening, django_assert_max_num_queries):
    for _ in range(3):
        answer(listening, consent="yes", considered="yes")
    with django_assert_max_num_queries(6):
        few = question_results(listening, listening.current_version, ResultFilters(event_id=1))
    for _ in range(30):
        answer(listening, consent="yes", considered="yes", about_year_group="9")
    with django_assert_max_num_queries(6):
        many = question_results(listening, listening.current_version, ResultFilters(event_id=1))
    assert len(few) == len(many)


def test_a_hidden_count_cannot_be_worked_out_by_subtraction(listening):
    for _ in range(6):
        answer(listening, consent="yes", considered="yes")
    answer(listening, consent="yes", considered="no")
    results = question_results(listening, listening.current_version)
    yes, result = _row(results, "considered", "Yes")
    no, _ = _row(results, "considered", "No")
    assert result["respondents"] == 7
    # "No" is 1, so "Yes" (6 = 7 - 1) is hidden too.
    assert yes["count"] is None
    assert no["count"] is None


def test_multiple_choice_cells_are_suppressed_one_by_one(listening):
    for _ in range(6):
        answer(listening, consent="yes", considered="no", roles_known=["nurse", "doctor"])
    answer(listening, consent="yes", considered="no", roles_known=["nurse"])
    nurse, _ = _row(question_results(listening, listening.current_version), "roles_known", "Nurse")
    doctor, _ = _row(
        question_results(listening, listening.current_version), "roles_known", "Doctor"
    )
    assert (nurse["count"], doctor["count"]) == (7, 6)


def test_the_year_group_filter_works_on_a_questionnaire_asking_only_that(client, lead, programme):
    from django.urls import reverse

    before = QuestionnaireFactory(programme=programme, template="workshop-before")
    for year in ("8", "9"):
        for _ in range(5):
            answer(before, consent="yes", about_year_group=year, **_goal_answers(3))
    client.force_login(lead)
    page = client.get(reverse("surveys:results", args=[before.pk]), {"year_group": "9"})
    assert b'id="filter-year_group"' in page.content
    assert b'id="filter-gender"' not in page.content
    assert page.context["total"] == 5


def test_a_questionnaire_answered_at_many_events_lists_the_recent_ones_or_a_schools(
    client, lead, listening, school, home_area
):
    import datetime

    from django.urls import reverse

    from partners.factories import SchoolFactory
    from programmes.factories import EventFactory
    from surveys.models import Response
    from surveys.views.results import EVENT_CHOICES

    other = SchoolFactory(name="Hill Top Academy", area=home_area)
    first_day = datetime.date(2024, 9, 2)
    events = []
    for i in range(EVENT_CHOICES + 5):
        event = EventFactory(
            programme=listening.programme,
            school=school if i % 5 else other,
            title=f"Visit {i}",
            date=first_day + datetime.timedelta(days=i),
        )
        response = answer(listening, consent="yes", considered="yes")
        Response.objects.filter(pk=response.pk).update(event=event)
        events.append(event)
    client.force_login(lead)
    url = reverse("surveys:results", args=[listening.pk])

    page = client.get(url)
    shown = page.context["choices"]["events"]
    assert len(shown) == EVENT_CHOICES
    assert page.context["choices"]["more_events"]
    assert shown[0] == events[-1]
    assert events[0] not in shown
    assert b"Choose a school and apply the filter to list its events." in page.content
    assert {s.pk for s in page.context["choices"]["schools"]} == {school.pk, other.pk}

    at_other = client.get(url, {"school": other.pk}).context["choices"]
    assert at_other["events"] == [e for e in reversed(events) if e.school_id == other.pk]
    assert not at_other["more_events"]

    oldest = client.get(url, {"event": events[0].pk})
    assert events[0] in oldest.context["choices"]["events"]  # the chosen one stays listed
    assert f'<option value="{events[0].pk}" selected>'.encode() in oldest.content


def test_the_results_page_writes_large_counts_with_thousands_separators(client, lead, listening):
    """At national size a questionnaire has thousands of responses: "6014" is hard to read."""
    import uuid

    from surveys.models import Answer, Question, Response

    question = Question.objects.get(version=listening.current_version, key="considered")
    yes = question.options.get(value="yes")
    responses = Response.objects.bulk_create(
        Response(questionnaire=listening, version=listening.current_version, client_id=uuid.uuid4())
        for _ in range(1_234)
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=question, option=yes) for response in responses
    )
    client.force_login(lead)
    page = client.get(f"/questionnaires/{listening.pk}/results/").content.decode()
    assert "1,234 responses" in page
    assert "1,234 answered" in page
    assert ">1,234<" in page  # the "Yes" row of the table
