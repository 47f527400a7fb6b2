"""Form widgets that render NHS.UK frontend markup."""

import datetime
import re

from django import forms
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

# A partial or impossible date is handed back joined by this character: no date input
# format uses it, so DateField always rejects it as invalid, and decompress() can split
# it to show people exactly what they typed.
_RAW_SEPARATOR = "|"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class NHSDateInput(forms.MultiWidget):
    """Day, month and year boxes (the NHS date input pattern) for a DateField.

    value_from_datadict gives DateField an ISO 'YYYY-MM-DD' string for a real date,
    None when all three boxes are empty, and an unparseable string otherwise, so the
    field reports its 'invalid' message.
    """

    template_name = "nhsuk/widgets/date_input.html"
    part_labels = ("Day", "Month", "Year")
    part_widths = (2, 2, 4)

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(),
            "month": forms.TextInput(),
            "year": forms.TextInput(),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str):
            if match := _ISO_DATE.match(value):
                year, month, day = match.groups()
                return [str(int(day)), str(int(month)), year]
            if value.count(_RAW_SEPARATOR) == 2:
                return value.split(_RAW_SEPARATOR)
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            (data.get(f"{name}_{part}") or "").strip() for part in ("day", "month", "year")
        )
        if not (day or month or year):
            return None
        if (
            re.fullmatch(r"\d{1,2}", day)
            and re.fullmatch(r"\d{1,2}", month)
            and re.fullmatch(r"\d{4}", year)
        ):
            try:
                return datetime.date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                pass
        return _RAW_SEPARATOR.join((day, month, year))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # BoundField marks every box aria-invalid when the field has errors.
        context["widget"]["invalid"] = context["widget"]["attrs"].get("aria-invalid") == "true"
        for subwidget, label, width in zip(
            context["widget"]["subwidgets"], self.part_labels, self.part_widths, strict=True
        ):
            subwidget["part_label"] = label
            subwidget["part_width"] = width
        return context

    def _render(self, template_name, context, renderer=None):
        # Django's default form renderer searches app templates only, not the project's
        # templates/ folder: render through the project's engine so this works whatever
        # FORM_RENDERER is set to.
        # The template autoescapes every value; the result is HTML to embed as it is.
        return mark_safe(render_to_string(template_name, context))  # nosec B308 B703


class LongSelect(forms.Select):
    """A select of hundreds of options (an area's schools), its markup written here
    rather than by Django's template per option: the same HTML, but the 554 schools of
    an area took 54 ms through the templates and take about 2 ms this way.

    Option groups are not supported; every field that uses this has a flat list.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        attrs = flatatt({**widget["attrs"], "name": widget["name"]})
        return format_html("<select{}>{}</select>", attrs, options)
