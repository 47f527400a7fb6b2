"""The crispy-forms 'nhsuk' template pack and NHSDateInput render NHS.UK frontend markup."""

import datetime

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Button, Submit
from django import forms
from django.template import Context, Template
from django.test.html import Element, parse_html

from outreach.widgets import LongSelect, NHSDateInput

INVALID_DATA = {
    "email": "not-an-email",
    "area": "",
    "event_date_day": "31",
    "event_date_month": "2",
    "event_date_year": "2025",
}


class EventForm(forms.Form):
    full_name = forms.CharField(help_text="As it appears on your badge")
    email = forms.EmailField()
    notes = forms.CharField(widget=forms.Textarea)
    area = forms.ChoiceField(choices=[("", "Choose an area"), ("n", "North"), ("s", "South")])
    year_group = forms.ChoiceField(
        choices=[("7", "Year 7"), ("8", "Year 8")],
        widget=forms.RadioSelect,
        help_text="Select one",
    )
    goals = forms.MultipleChoiceField(
        choices=[("awareness", "Awareness"), ("aspiration", "Aspiration")],
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(label="I agree to take part")
    event_date = forms.DateField(widget=NHSDateInput, help_text="For example, 27 3 2025")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("save", "Save and continue"))
        self.helper.add_input(Button("cancel", "Cancel"))

    def clean(self):
        raise forms.ValidationError("Check the event details")


FIELD_NAMES = list(EventForm.base_fields)


class DateForm(forms.Form):
    when = forms.DateField(widget=NHSDateInput, required=False)


def render(template_code: str, form) -> str:
    return Template("{% load crispy_forms_tags %}" + template_code).render(Context({"form": form}))


def find_all(node, predicate) -> list[Element]:
    """node itself and every element inside it that satisfies predicate, in document order."""
    found = [node] if isinstance(node, Element) and node.name and predicate(node) else []
    for child in getattr(node, "children", []):
        found.extend(find_all(child, predicate))
    return found


def attr(element: Element, name: str) -> str | None:
    for key, value in element.attributes:
        if key == name:
            return value
    return None


def classes(element: Element) -> list[str]:
    return (attr(element, "class") or "").split()


def by_id(root, element_id: str) -> Element:
    matches = find_all(root, lambda e: attr(e, "id") == element_id)
    assert len(matches) == 1, f"expected one element with id {element_id!r}, got {len(matches)}"
    return matches[0]


def by_class(root, class_name: str) -> list[Element]:
    return find_all(root, lambda e: class_name in classes(e))


def fieldset_of(page, name: str) -> Element:
    fieldsets = find_all(by_id(page, f"div_id_{name}"), lambda e: e.name == "fieldset")
    assert len(fieldsets) == 1, f"{name} should be in exactly one fieldset"
    return fieldsets[0]


def label_for(page, element_id: str) -> Element:
    return find_all(page, lambda e: e.name == "label" and attr(e, "for") == element_id)[0]


def text(element) -> str:
    if isinstance(element, str):
        return element
    return " ".join(text(child) for child in element.children).strip()


@pytest.fixture
def invalid_page():
    return parse_html(render("{% crispy form %}", EventForm(data=INVALID_DATA)))


def test_error_summary_heads_the_form_and_links_to_each_field(invalid_page):
    form_element = find_all(invalid_page, lambda e: e.name == "form")[0]
    first = next(c for c in form_element.children if isinstance(c, Element))
    assert "nhsuk-error-summary" in classes(first), "the error summary comes first in the form"
    assert attr(first, "tabindex") == "-1"
    assert find_all(first, lambda e: attr(e, "role") == "alert")
    assert "There is a problem" in text(first)

    links = {attr(a, "href"): text(a) for a in find_all(first, lambda e: e.name == "a")}
    for anchor in (
        "#id_full_name",
        "#id_email",
        "#id_notes",
        "#id_area",
        "#id_year_group_0",
        "#id_goals_0",
        "#id_consent",
        "#id_event_date_0",
    ):
        assert anchor in links, f"no error summary link to {anchor}"
        by_id(invalid_page, anchor[1:])  # the link target exists
    assert "Check the event details" in text(first), "non-field errors are listed too"
    assert links["#id_email"] == "Enter a valid email address."


def test_each_field_shows_its_error_message_beside_it(invalid_page):
    for name in FIELD_NAMES:
        group = by_id(invalid_page, f"div_id_{name}")
        assert "nhsuk-form-group--error" in classes(group), name
        message = by_id(group, f"id_{name}_error")
        assert "nhsuk-error-message" in classes(message)
        hidden_prefix = by_class(message, "nhsuk-u-visually-hidden")
        assert hidden_prefix, name
        assert text(hidden_prefix[0]) == "Error:"


def test_controls_carry_the_nhs_error_modifiers(invalid_page):
    assert "nhsuk-input--error" in classes(by_id(invalid_page, "id_full_name"))
    assert "nhsuk-input--error" in classes(by_id(invalid_page, "id_email"))
    assert "nhsuk-textarea--error" in classes(by_id(invalid_page, "id_notes"))
    assert "nhsuk-select--error" in classes(by_id(invalid_page, "id_area"))
    for part in ("0", "1", "2"):
        assert "nhsuk-input--error" in classes(by_id(invalid_page, f"id_event_date_{part}"))
    error_ids = attr(by_id(invalid_page, "id_email"), "aria-describedby").split()
    assert "id_email_error" in error_ids


def test_hint_comes_from_help_text_and_is_linked_by_aria_describedby(invalid_page):
    hint = by_id(invalid_page, "id_full_name_helptext")
    assert "nhsuk-hint" in classes(hint)
    assert text(hint) == "As it appears on your badge"
    describedby = attr(by_id(invalid_page, "id_full_name"), "aria-describedby").split()
    assert describedby == ["id_full_name_helptext", "id_full_name_error"]


@pytest.mark.parametrize(
    ("name", "legend", "control"),
    [
        ("year_group", "Year group", "nhsuk-radios"),
        ("goals", "Goals", "nhsuk-checkboxes"),
        ("consent", "I agree to take part", "nhsuk-checkboxes"),
        ("event_date", "Event date", "nhsuk-date-input"),
    ],
)
def test_grouped_controls_sit_in_a_fieldset_with_a_legend(invalid_page, name, legend, control):
    fieldset = fieldset_of(invalid_page, name)
    assert "nhsuk-fieldset" in classes(fieldset)
    legends = find_all(fieldset, lambda e: e.name == "legend")
    assert [text(e) for e in legends] == [legend]
    assert "nhsuk-fieldset__legend" in classes(legends[0])
    assert by_class(fieldset, control), f"{control} is inside the fieldset"


def test_fieldset_is_described_by_the_group_hint_and_error(invalid_page):
    fieldset = fieldset_of(invalid_page, "year_group")
    assert attr(fieldset, "aria-describedby").split() == [
        "id_year_group_helptext",
        "id_year_group_error",
    ]
    date_fieldset = fieldset_of(invalid_page, "event_date")
    assert attr(date_fieldset, "role") == "group"
    assert "id_event_date_error" in attr(date_fieldset, "aria-describedby").split()


def test_radios_and_checkboxes_use_nhs_items_with_labels(invalid_page):
    radio = by_id(invalid_page, "id_year_group_0")
    assert attr(radio, "type") == "radio"
    assert "nhsuk-radios__input" in classes(radio)
    label = label_for(invalid_page, "id_year_group_0")
    assert "nhsuk-radios__label" in classes(label)
    assert text(label) == "Year 7"
    checkbox = by_id(invalid_page, "id_goals_1")
    assert "nhsuk-checkboxes__input" in classes(checkbox)
    assert "nhsuk-checkboxes__input" in classes(by_id(invalid_page, "id_consent"))


def test_buttons_are_nhs_buttons(invalid_page):
    buttons = {text(b): classes(b) for b in find_all(invalid_page, lambda e: e.name == "button")}
    assert buttons["Save and continue"] == ["nhsuk-button"]
    assert buttons["Cancel"] == ["nhsuk-button", "nhsuk-button--secondary"]


def test_form_tag_turns_off_browser_validation(invalid_page):
    form_element = find_all(invalid_page, lambda e: e.name == "form")[0]
    assert ("novalidate", None) in form_element.attributes


def test_crispy_filter_renders_the_same_nhs_markup():
    page = parse_html(render("{{ form|crispy }}", EventForm(data=INVALID_DATA)))
    summary = by_class(page, "nhsuk-error-summary")
    assert len(summary) == 1
    assert find_all(summary[0], lambda e: attr(e, "href") == "#id_goals_0")
    assert by_id(page, "id_notes_error")


def test_no_error_summary_or_messages_without_errors():
    html = render("{% crispy form %}", EventForm())
    assert "nhsuk-error-summary" not in html
    assert "nhsuk-error-message" not in html
    assert "nhsuk-form-group--error" not in html


def test_date_input_renders_three_numeric_boxes_with_nhs_widths():
    page = parse_html(str(DateForm(initial={"when": datetime.date(2025, 3, 7)})["when"]))
    boxes = [by_id(page, f"id_when_{part}") for part in ("0", "1", "2")]
    assert [attr(b, "name") for b in boxes] == ["when_day", "when_month", "when_year"]
    assert [attr(b, "value") for b in boxes] == ["7", "3", "2025"]
    assert all(attr(b, "inputmode") == "numeric" for b in boxes)
    assert [c for b in boxes for c in classes(b) if c.startswith("nhsuk-input--width")] == [
        "nhsuk-input--width-2",
        "nhsuk-input--width-2",
        "nhsuk-input--width-4",
    ]
    labels = [text(e) for e in by_class(page, "nhsuk-date-input__label")]
    assert labels == ["Day", "Month", "Year"]


def test_date_input_round_trips_a_real_date():
    widget = NHSDateInput()
    data = {"when_day": "7", "when_month": "03", "when_year": "2025"}
    assert widget.value_from_datadict(data, {}, "when") == "2025-03-07"
    form = DateForm(data=data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == datetime.date(2025, 3, 7)
    assert widget.decompress(form.cleaned_data["when"]) == ["7", "3", "2025"]


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2025"),  # no such day
        ("7", "", "2025"),  # missing month
        ("7", "3", "25"),  # two-digit year
        ("seven", "3", "2025"),
    ],
)
def test_date_input_reports_a_date_that_is_not_real(day, month, year):
    form = DateForm(data={"when_day": day, "when_month": month, "when_year": year})
    assert not form.is_valid()
    assert form.errors["when"] == [forms.DateField.default_error_messages["invalid"]]
    page = parse_html(str(form["when"]))
    typed = [attr(by_id(page, f"id_when_{part}"), "value") for part in ("0", "1", "2")]
    assert typed == [day or None, month or None, year], "what people typed is shown back to them"


def test_empty_date_input_is_no_value():
    form = DateForm(data={"when_day": "", "when_month": " ", "when_year": ""})
    assert form.is_valid()
    assert form.cleaned_data["when"] is None


@pytest.mark.parametrize("value", [None, "", "2", "<b>"])
@pytest.mark.parametrize("multiple", [False, True])
def test_long_select_writes_the_markup_django_templates_write(value, multiple):
    """LongSelect renders in Python for speed; its HTML must be Django's own."""
    choices = [("", "Not at a school"), ("1", "Abbey & Co"), ("2", "Brook <High>"), ("<b>", "x")]
    attrs = {"id": "id_school", "class": "nhsuk-select", "aria-describedby": "id_school_hint"}
    if multiple:
        django_widget = forms.SelectMultiple(choices=choices)
        long_widget = type("LongMultiple", (LongSelect,), {"allow_multiple_selected": True})(
            choices=choices
        )
        value = [value]
    else:
        django_widget, long_widget = forms.Select(choices=choices), LongSelect(choices=choices)
    expected = django_widget.render("school", value, attrs=attrs)
    written = long_widget.render("school", value, attrs=attrs)
    assert parse_html(written) == parse_html(expected)
    assert written.count(" selected") == 1  # the value's option, or the empty one
