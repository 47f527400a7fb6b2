"""Theme coding: staff read free-text answers and tag them with themes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.accounts.access import access
from outreach.pagination import page_for

from .. import services
from ..models import Answer
from .common import BUILD, buildable, crumbs

PAGE_SIZE = 25


@access(BUILD)
def themes(request, pk):
    questionnaire = buildable(request.user, pk)
    answers = (
        Answer.objects.filter(response__questionnaire=questionnaire, text__gt="")
        .select_related("question")
        .prefetch_related("tags")
        .order_by("-response__submitted_at", "pk")
    )
    question_key = request.GET.get("question", "")
    if question_key:
        answers = answers.filter(question__key=question_key)
    if request.GET.get("untagged"):
        answers = answers.filter(tags__isnull=True)
    page = page_for(request, answers, PAGE_SIZE)
    for answer in page.object_list:
        answer.theme_ids = {tag.theme_id for tag in answer.tags.all()}
    text_questions = questionnaire.current_version.questions.filter(
        kind__in=["short_text", "long_text"]
    ).values_list("key", "text")
    return render(
        request,
        "surveys/themes.html",
        {
            "questionnaire": questionnaire,
            "page_obj": page,
            "themes": list(questionnaire.themes.all()),
            "text_questions": list(text_questions),
            "question_key": question_key,
            "untagged": bool(request.GET.get("untagged")),
            "breadcrumbs": crumbs(questionnaire),
        },
    )


def _back(request, pk):
    url = reverse("surveys:themes", args=[pk])
    query = request.POST.get("return_query", "")
    return redirect(f"{url}?{query}" if query else url)


@require_POST
@access(BUILD)
def theme_add(request, pk):
    questionnaire = buildable(request.user, pk)
    try:
        theme = services.theme_create(questionnaire=questionnaire, name=request.POST.get("name"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Theme added: {theme.name}")
    return _back(request, pk)


@require_POST
@access(BUILD)
def answer_tag(request, pk, answer_id):
    questionnaire = buildable(request.user, pk)
    try:
        services.answer_tags_set(
            questionnaire=questionnaire,
            answer_id=answer_id,
            theme_ids=request.POST.getlist("themes"),
        )
    except (ValidationError, ValueError):
        messages.error(request, "Those themes could not be saved. Please try again.")
    else:
        messages.success(request, "Themes saved.")
    return _back(request, pk)
