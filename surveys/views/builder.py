"""Builder pages for workforce leads, delivery partners and administrators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.accounts.access import access, allows
from outreach.pagination import page_for

from .. import services
from ..forms import QuestionForm, QuestionnaireCreateForm, QuestionnaireSettingsForm, RespondentForm
from ..models import Question, Questionnaire
from ..services.building import options_from_lines
from .common import BUILD, SEE, buildable, crumbs

PAGE_SIZE = 25


def _apply_errors(form, error):
    for field, messages_ in (
        error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    ).items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@access(SEE)
def questionnaire_list(request):
    questionnaires = (
        Questionnaire.objects.for_user(request.user)
        .select_related("programme", "event")
        .annotate(response_count=Count("responses"))
        .order_by("-created_at", "-pk")
    )
    page = page_for(request, questionnaires, PAGE_SIZE)
    ids = [q.pk for q in page.object_list]
    editable = set(
        Questionnaire.objects.buildable_by(request.user)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "surveys/list.html",
        {
            "page_obj": page,
            "editable": editable,
            "can_build": request.user.is_authenticated
            and bool(
                Questionnaire.objects.buildable_by(request.user).exists()
                or _may_build(request.user)
            ),
            "breadcrumbs": [("Home", reverse("home"))],
        },
    )


def _may_build(user):
    return allows(BUILD, user)


@access(BUILD)
def questionnaire_create(request):
    form = QuestionnaireCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(
                user=request.user,
                programme=form.cleaned_data["programme"],
                event=form.cleaned_data["event"],
                title=form.cleaned_data["title"],
                template=form.cleaned_data["template"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, "Questionnaire created. Check each question, then share the link."
            )
            return redirect("surveys:detail", pk=questionnaire.pk)
    return render(
        request,
        "surveys/create.html",
        {"form": form, "breadcrumbs": crumbs()},
    )


def _sections(version):
    questions = Question.objects.select_related("goal", "show_if__question").prefetch_related(
        "options"
    )
    sections = list(version.sections.prefetch_related(Prefetch("questions", queryset=questions)))
    for section in sections:
        items = list(section.questions.all())
        for index, question in enumerate(items):
            question.reading_age = services.reading_age(question.text)
            question.is_first = index == 0
            question.is_last = index == len(items) - 1
        section.items = items
    return sections


@access(BUILD)
def questionnaire_detail(request, pk):
    questionnaire = buildable(request.user, pk)
    version = questionnaire.current_version
    return render(
        request,
        "surveys/detail.html",
        {
            "questionnaire": questionnaire,
            "version": version,
            "sections": _sections(version),
            "has_answers": version.responses.exists(),
            "response_count": questionnaire.responses.count(),
            "breadcrumbs": crumbs(),
        },
    )


@access(BUILD)
def questionnaire_settings(request, pk):
    questionnaire = buildable(request.user, pk)
    form = QuestionnaireSettingsForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.questionnaire_update(questionnaire=Questionnaire.objects.get(pk=pk), **fields)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("surveys:detail", pk=pk)
    return render(
        request,
        "surveys/settings.html",
        {"questionnaire": questionnaire, "form": form, "breadcrumbs": crumbs(questionnaire)},
    )


def _question_input(form):
    data = form.cleaned_data
    section = data.get("section")
    return services.QuestionInput(
        kind=data["kind"],
        text=data["text"],
        help_text=data["help_text"],
        required=data["required"],
        allow_other=data["allow_other"],
        goal=data["goal"],
        section_id=int(section) if section else None,
        show_if=data["show_if"],
        options=options_from_lines(data["options"]),
    )


def _question_page(request, questionnaire, question=None):
    version = questionnaire.current_version
    initial = None
    if question is not None:
        initial = {
            "text": question.text,
            "help_text": question.help_text,
            "kind": question.kind,
            "options": "\n".join(o.label for o in question.options.all())
            if question.kind in ("single", "multiple")
            else "",
            "allow_other": question.allow_other,
            "required": question.required,
            "goal": question.goal_id,
            "show_if": f"{question.show_if.question.key}={question.show_if.value}"
            if question.show_if_id
            else "",
        }
    form = QuestionForm(request.POST or None, initial=initial, version=version, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.question_save(
                questionnaire=questionnaire,
                data=_question_input(form),
                key=question.key if question else None,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Question saved: {saved.text}")
            return redirect(
                f"{reverse('surveys:detail', args=[questionnaire.pk])}#question-{saved.key}"
            )
    return render(
        request,
        "surveys/question_form.html",
        {
            "questionnaire": questionnaire,
            "question": question,
            "form": form,
            "reading_age": services.reading_age(question.text) if question else None,
            "breadcrumbs": crumbs(questionnaire),
        },
    )


@access(BUILD)
def question_add(request, pk):
    return _question_page(request, buildable(request.user, pk))


def _question(questionnaire, key):
    question = (
        questionnaire.current_version.questions.select_related("show_if__question")
        .prefetch_related("options")
        .filter(key=key)
        .first()
    )
    if question is None:
        raise Http404("No such question.")
    return question


@access(BUILD)
def question_edit(request, pk, key):
    questionnaire = buildable(request.user, pk)
    return _question_page(request, questionnaire, _question(questionnaire, key))


@require_POST
@access(BUILD)
def question_move(request, pk, key):
    questionnaire = buildable(request.user, pk)
    question = _question(questionnaire, key)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    try:
        services.question_move(questionnaire=questionnaire, key=question.key, direction=direction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Moved {direction}: {question.text}")
    return redirect(f"{reverse('surveys:detail', args=[pk])}#question-{key}")


@access(BUILD)
def question_delete(request, pk, key):
    questionnaire = buildable(request.user, pk)
    question = _question(questionnaire, key)
    if request.method == "POST":
        services.question_delete(questionnaire=questionnaire, key=key)
        messages.success(request, f"Question removed: {question.text}")
        return redirect("surveys:detail", pk=pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "surveys/question_delete.html",
        {
            "questionnaire": questionnaire,
            "question": question,
            "breadcrumbs": crumbs(questionnaire),
        },
    )


@require_POST
@access(BUILD)
def section_add(request, pk):
    questionnaire = buildable(request.user, pk)
    try:
        section = services.section_create(
            questionnaire=questionnaire, title=request.POST.get("title")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Section added: {section.title}")
    return redirect("surveys:detail", pk=pk)


@access(BUILD)
def preview(request, pk):
    questionnaire = buildable(request.user, pk)
    return render(
        request,
        "surveys/preview.html",
        {
            "questionnaire": questionnaire,
            "form": RespondentForm(questionnaire=questionnaire),
            "breadcrumbs": crumbs(questionnaire),
        },
    )


def _public_url(request, questionnaire, name="surveys:respond"):
    return request.build_absolute_uri(reverse(name, kwargs={"token": questionnaire.token}))


@access(BUILD)
def share(request, pk):
    questionnaire = buildable(request.user, pk)
    return render(
        request,
        "surveys/share.html",
        {
            "questionnaire": questionnaire,
            "link": _public_url(request, questionnaire),
            "kiosk_link": _public_url(request, questionnaire, "surveys:kiosk"),
            "events": []
            if questionnaire.event_id
            else list(questionnaire.programme.events.order_by("-date")[:50]),
            "breadcrumbs": crumbs(questionnaire),
        },
    )


@access(BUILD)
def qr_code(request, pk, fmt):
    import io

    import segno

    if fmt not in ("png", "svg"):
        raise Http404("No such format.")
    questionnaire = buildable(request.user, pk)
    qr = segno.make(_public_url(request, questionnaire), error="m")
    buffer = io.BytesIO()
    if fmt == "svg":
        qr.save(buffer, kind="svg", scale=10, border=4, title=f"QR code for {questionnaire.title}")
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=12, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="questionnaire-{pk}-qr.{fmt}"'
    return response
