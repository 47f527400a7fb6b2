"""Exports: one row per response (CSV streamed, XLSX written in openpyxl's write-only
mode) and a summary of the suppressed counts shown on the results page."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

from reporting.render.safe import FORMULA_START as FORMULA_START
from reporting.render.safe import neutralise

from ..models import ABOUT_YOU_FIELDS, Question

CHUNK = 500
ABOUT = [name for name, _, _ in ABOUT_YOU_FIELDS] + ["postcode_district"]
# The helper moved to reporting/render/safe.py so report downloads share it; the old names
# (FORMULA_START, _safe) stay importable from here.
_safe = neutralise


class _Echo:
    def write(self, value):
        return value


def _columns(questionnaire):
    """Question keys across every version, latest wording first."""
    seen, columns = set(), []
    questions = Question.objects.filter(version__questionnaire=questionnaire).order_by(
        "-version__number", "section__position", "position"
    )
    for key, text in questions.values_list("key", "text"):
        if key not in seen:
            seen.add(key)
            columns.append((key, text))
    return columns


def _rows(questionnaire, responses):
    columns = _columns(questionnaire)
    yield (
        ["response", "submitted_at", "via", "version", "event"]
        + [f"about_{name}" for name in ABOUT]
        + [text for _, text in columns]
    )
    responses = (
        responses.select_related("version", "event", "about_you")
        .prefetch_related("answers__option", "answers__question")
        .order_by("pk")
    )
    for response in responses.iterator(chunk_size=CHUNK):
        values = {}
        for answer in response.answers.all():
            if answer.option_id:
                part = answer.option.label
            elif answer.number is not None:
                part = str(answer.number)
            elif answer.question.is_choice:
                part = f"Other: {answer.text}"
            else:
                part = answer.text
            values.setdefault(answer.question.key, []).append(part)
        about = getattr(response, "about_you", None)
        yield (
            [
                response.pk,
                response.submitted_at.isoformat(timespec="seconds"),
                response.via,
                response.version.number,
                _safe(response.event.title) if response.event else "",
            ]
            + [getattr(about, name, "") if about else "" for name in ABOUT]
            + [_safe("; ".join(values.get(key, []))) for key, _ in columns]
        )


def _filename(questionnaire, suffix):
    return f"{slugify(questionnaire.title)[:50] or 'questionnaire'}-{suffix}"


def responses_csv(questionnaire, responses):
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _rows(questionnaire, responses)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(questionnaire, "responses.csv")}"'
    )
    return response


def responses_xlsx(questionnaire, responses):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    for row in _rows(questionnaire, responses):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(questionnaire, "responses.xlsx")}"'
    )
    return response


def summary_csv(questionnaire, results):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["question", "answer", "count", "percent"])
    for result in results:
        question = result["question"]
        for row in result["rows"]:
            count = "fewer than 5" if row["count"] is None else row["count"]
            percent = "" if row["percent"] is None else row["percent"]
            writer.writerow([_safe(question.text), _safe(row["label"]), count, percent])
        if result["number"]:
            writer.writerow(
                [_safe(question.text), "average", round(result["number"]["mean"], 1), ""]
            )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(questionnaire, "summary.csv")}"'
    )
    return response
