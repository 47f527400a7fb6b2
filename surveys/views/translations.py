"""Translations of a questionnaire, entered by staff text by text."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render

from outreach.accounts.access import access

from .. import services
from ..models import LANGUAGE_CHOICES, RIGHT_TO_LEFT, Translation
from .common import BUILD, buildable, crumbs


@access(BUILD)
def translations(request, pk):
    questionnaire = buildable(request.user, pk)
    if request.method == "POST":
        language = request.POST.get("language", "")
        if language in dict(LANGUAGE_CHOICES):
            return redirect("surveys:translation_edit", pk=pk, language=language)
        messages.error(request, "Choose a language from the list.")
    counts = dict(
        Translation.objects.filter(questionnaire=questionnaire)
        .values_list("language")
        .annotate(n=Count("id"))
    )
    total = len(services.translatable_texts(questionnaire))
    languages = [
        {"code": code, "name": name, "count": counts[code]}
        for code, name in LANGUAGE_CHOICES
        if code in counts
    ]
    return render(
        request,
        "surveys/translations.html",
        {
            "questionnaire": questionnaire,
            "languages": languages,
            "total": total,
            "choices": [(c, n) for c, n in LANGUAGE_CHOICES if c not in counts],
            "breadcrumbs": crumbs(questionnaire),
        },
    )


def _form(texts, current, data=None):
    form = forms.Form(data)
    for index, (key, english) in enumerate(texts):
        widget = forms.Textarea(attrs={"rows": 2}) if len(english) > 80 else forms.TextInput
        form.fields[f"t{index}"] = forms.CharField(
            label=english, required=False, initial=current.get(key, ""), widget=widget
        )
    return form


@access(BUILD)
def translation_edit(request, pk, language):
    questionnaire = buildable(request.user, pk)
    names = dict(LANGUAGE_CHOICES)
    if language not in names:
        raise Http404("No such language.")
    texts = services.translatable_texts(questionnaire)
    current = services.translations_for(questionnaire, language)
    form = _form(texts, current, request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[f"t{i}"] for i, (key, _) in enumerate(texts)}
        try:
            stored = services.translations_save(
                questionnaire=questionnaire, language=language, texts=values
            )
        except ValidationError as error:
            keys = [key for key, _ in texts]
            for key, problems in error.message_dict.items():
                field = f"t{keys.index(key)}" if key in keys else None
                for problem in problems:
                    form.add_error(field, problem)
        else:
            messages.success(
                request, f"{names[language]}: {stored} of {len(texts)} texts translated."
            )
            return redirect("surveys:translations", pk=pk)
    for field in form.fields.values():
        field.widget.attrs.update(
            {"lang": language, "dir": "rtl" if language in RIGHT_TO_LEFT else "ltr"}
        )
    return render(
        request,
        "surveys/translation_edit.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "language": language,
            "language_name": names[language],
            "breadcrumbs": crumbs(questionnaire),
        },
    )
