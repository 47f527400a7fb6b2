"""Spreadsheet formula injection: text people typed (an event's title, an answer) that
starts with = + - @ or a tab or carriage return comes out of every download as text,
never as a formula a spreadsheet would run. The reporting exports have their own tests
(tests/reporting/test_exports.py); these cover the questionnaire and school downloads.
"""

import csv
import io
import uuid

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.models import Answer, Response
from surveys.views.results import MIN_CELL

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _poison(world, formula):
    event = world["event"]
    event.title = formula
    event.save(update_fields=["title"])
    answer = world["answer"]
    answer.text = formula
    answer.save(update_fields=["text"])
    # Enough responses that the export is not withheld as a small number.
    for _ in range(MIN_CELL):
        response = Response.objects.create(
            questionnaire=answer.response.questionnaire,
            version=answer.response.version,
            event=event,
            client_id=uuid.uuid4(),
        )
        Answer.objects.create(response=response, question=answer.question, text=formula)


def _csv_cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


def _assert_neutralised(cells, formula):
    assert any(isinstance(c, str) and c.endswith("'" + formula) for c in cells), cells
    assert formula not in cells
    for cell in cells:
        assert not (isinstance(cell, str) and cell.startswith(("=", "+", "@", "\t", "\r"))), cell


@pytest.mark.parametrize("formula", FORMULAS)
def test_questionnaire_csv_exports_neutralise_formulas(client, lead, home_world, formula):
    _poison(home_world, formula)
    client.force_login(lead)
    pk = home_world["questionnaire"].pk
    response = client.get(reverse("surveys:export", kwargs={"pk": pk, "fmt": "csv"}))
    assert response.status_code == 200
    _assert_neutralised(_csv_cells(response), formula)


@pytest.mark.parametrize("formula", FORMULAS)
def test_questionnaire_xlsx_export_has_no_formula_cells(client, lead, home_world, formula):
    _poison(home_world, formula)
    client.force_login(lead)
    pk = home_world["questionnaire"].pk
    response = client.get(reverse("surveys:export", kwargs={"pk": pk, "fmt": "xlsx"}))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    if not formula.startswith("\r"):  # the sheet's XML stores a carriage return escaped
        _assert_neutralised([c.value for c in cells if c.value is not None], formula)


@pytest.mark.parametrize("formula", FORMULAS[:2])
def test_questionnaire_summary_neutralises_question_text(client, lead, home_world, formula):
    question = home_world["question"]
    question.text = formula
    question.save(update_fields=["text"])
    client.force_login(lead)
    pk = home_world["questionnaire"].pk
    response = client.get(reverse("surveys:export", kwargs={"pk": pk, "fmt": "summary"}))
    assert response.status_code == 200
    _assert_neutralised(_csv_cells(response), formula)


@pytest.mark.parametrize("formula", FORMULAS)
def test_school_record_csv_neutralises_formulas(client, careers, home_world, formula):
    _poison(home_world, formula)
    client.force_login(careers)
    response = client.get(reverse("programmes:school_record_csv"))
    assert response.status_code == 200
    _assert_neutralised(_csv_cells(response), formula)
