"""Public pages for respondents: found by token only, no account, nothing about the
device stored. The same form works without JavaScript; on a kiosk, static/js/kiosk.js
posts answers with fetch() and queues them on the tablet while offline."""

import uuid
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from outreach.accounts.access import PUBLIC, access

from .. import services
from ..forms import RespondentForm
from ..models import NATIVE_NAMES, RIGHT_TO_LEFT, Questionnaire, Via

RATE_LIMITED = (
    "Lots of answers are arriving from this network at once. Please wait a minute, then "
    "press the button again. Your answers are still here."
)


def _questionnaire(token):
    questionnaire = (
        Questionnaire.objects.select_related("programme__lead_organisation", "event")
        .filter(token=token)
        .first()
    )
    if questionnaire is None:
        raise Http404("No questionnaire at this link.")
    return questionnaire


def _address(request):
    return request.META.get("REMOTE_ADDR", "")


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _closed(request, questionnaire):
    return render(
        request, "surveys/respond/closed.html", {"questionnaire": questionnaire}, status=410
    )


def _language(request, languages):
    """The language the respondent picked, if the questionnaire has it; "" for English."""
    lang = request.POST.get("lang") or request.GET.get("lang") or ""
    return lang if lang in languages else ""


def _take(request, questionnaire, via, lang):
    """Handle a POST: returns (response or None, form with the problems, status). The form
    is only built when there is something to show."""

    def form_with(errors):
        form = RespondentForm(
            request.POST,
            questionnaire=questionnaire,
            texts=services.translations_for(questionnaire, lang),
            lang=lang,
        )
        form.show_errors(errors)
        return form

    if not services.submission_allowed(questionnaire=questionnaire, address=_address(request)):
        return None, form_with({"__all__": [RATE_LIMITED]}), 429
    try:
        response, _ = services.response_submit(
            questionnaire=questionnaire,
            data=request.POST,
            client_id=request.POST.get("client_id"),
            via=via,
            at=request.POST.get("at"),
        )
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return None, form_with(errors), 400
    return response, None, 201


def _respond(request, token, kiosk):
    questionnaire = _questionnaire(token)
    via = Via.KIOSK if kiosk else Via.LINK
    today = timezone.localdate()
    languages = services.languages_of(questionnaire)
    lang = _language(request, languages)
    if request.method == "POST":
        if not questionnaire.is_open(today) and not _is_replay(questionnaire, request):
            if _wants_json(request):
                return JsonResponse({"error": "This questionnaire is closed."}, status=410)
            return _closed(request, questionnaire)
        response, form, status = _take(request, questionnaire, via, lang)
        if _wants_json(request):
            if response is None:
                return _retry_after(
                    JsonResponse({"errors": form.errors.get_json_data()}, status=status)
                )
            return JsonResponse({"id": str(response.client_id)}, status=201)
        if response is not None:
            target = "surveys:kiosk" if kiosk else "surveys:thanks"
            url = redirect(target, token=token).url
            query = {"done": "1"} if kiosk else {}
            at = request.POST.get("at", "")
            if kiosk and at.isdigit():
                query["at"] = at
            if lang:
                query["lang"] = lang
            return redirect(f"{url}?{urlencode(query)}" if query else url)
    else:
        if not questionnaire.is_open(today):
            return _closed(request, questionnaire)
        form = RespondentForm(
            questionnaire=questionnaire,
            at=request.GET.get("at"),
            texts=services.translations_for(questionnaire, lang),
            lang=lang,
        )
        status = 200
    context = {
        "questionnaire": questionnaire,
        "form": form,
        "kiosk": kiosk,
        "done": kiosk and request.GET.get("done") == "1",
        **_language_context(questionnaire, lang, languages),
    }
    if kiosk:
        # A shared tablet shows no staff menu, even if someone is signed in on it.
        context["nav_items"] = []
    return _retry_after(
        render(
            request, "surveys/respond/form.html", context, status=status if status != 201 else 200
        )
    )


def _retry_after(response):
    """A slowed submission says when to send again. The page itself is the form with the
    answers still in it, not the shared 429 page, so nothing the respondent wrote is lost."""
    if response.status_code == 429:
        response["Retry-After"] = str(services.submission_retry_after())
    return response


def _language_context(questionnaire, lang, languages):
    texts = services.translations_for(questionnaire, lang)
    return {
        "lang": lang,
        "rtl": lang in RIGHT_TO_LEFT,
        "title": texts.get("title", questionnaire.title),
        "introduction": texts.get("introduction", questionnaire.introduction),
        "send_label": texts.get("send", services.translations.SEND),
        "languages": [(code, NATIVE_NAMES[code]) for code in languages],
    }


def _is_replay(questionnaire, request):
    """A response already stored under this client id (sent before the link closed)."""
    try:
        client_id = uuid.UUID(str(request.POST.get("client_id")))
    except ValueError:
        return False
    return questionnaire.responses.filter(client_id=client_id).exists()


@never_cache
@access(PUBLIC)
def respond(request, token):
    return _respond(request, token, kiosk=False)


@never_cache
@access(PUBLIC)
def kiosk(request, token):
    return _respond(request, token, kiosk=True)


@access(PUBLIC)
def thanks(request, token):
    questionnaire = _questionnaire(token)
    languages = services.languages_of(questionnaire)
    context = {
        "questionnaire": questionnaire,
        **_language_context(questionnaire, _language(request, languages), languages),
    }
    return render(request, "surveys/respond/thanks.html", context)
