"""Template helpers for the NHS.UK form templates (templates/nhsuk/)."""

from django import forms, template

register = template.Library()

# What NHS.UK frontend calls each Django widget; the order matters because
# CheckboxSelectMultiple is a RadioSelect and every choice widget is a Select.
_KINDS = (
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.MultiWidget, "multi"),
    (forms.FileInput, "file"),
    (forms.Select, "select"),
    (forms.Textarea, "textarea"),
)

_WIDGET_CLASSES = {
    "input": ("nhsuk-input", "nhsuk-input--error"),
    "textarea": ("nhsuk-textarea", "nhsuk-textarea--error"),
    "select": ("nhsuk-select", "nhsuk-select--error"),
    "file": ("nhsuk-file-upload__input", ""),
    "checkbox": ("nhsuk-checkboxes__input", ""),
}

# Classes crispy-forms gives its buttons for Bootstrap; NHS buttons replace them.
_BOOTSTRAP_BUTTON_CLASSES = {"btn", "btn-primary", "btn-secondary", "btn-inverse", "hidden"}


@register.filter
def nhsuk_kind(bound_field) -> str:
    """Which NHS.UK component renders this field."""
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    for widget_class, kind in _KINDS:
        if isinstance(widget, widget_class):
            return kind
    return "input"


@register.filter
def error_anchor(bound_field) -> str:
    """The id of the first control of a field, for links in the error summary ('' if none)."""
    # A form with no visible fields hands the template "" for form.visible_fields.0.
    if not hasattr(bound_field, "field") or bound_field.is_hidden or not bound_field.auto_id:
        return ""
    kind = nhsuk_kind(bound_field)
    if kind in ("radios", "checkboxes"):
        for subwidget in bound_field.subwidgets:
            return subwidget.data["attrs"].get("id", "")
        return ""
    if kind == "multi":
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


@register.simple_tag
def nhsuk_widget(bound_field):
    """Render a field's widget with the NHS.UK classes added to any it already has."""
    base, error = _WIDGET_CLASSES.get(nhsuk_kind(bound_field), ("", ""))
    classes = bound_field.field.widget.attrs.get("class", "").split()
    classes.append(base)
    if bound_field.errors and error:
        classes.append(error)
    merged = " ".join(dict.fromkeys(c for c in classes if c))
    return bound_field.as_widget(attrs={"class": merged} if merged else None)


@register.filter
def nhsuk_button_classes(crispy_input) -> str:
    """NHS button classes for a crispy Submit, Button or Reset, keeping any css_class given."""
    extra = [c for c in crispy_input.field_classes.split() if c not in _BOOTSTRAP_BUTTON_CLASSES]
    classes = ["nhsuk-button"]
    if crispy_input.input_type != "submit":
        classes.append("nhsuk-button--secondary")
    return " ".join(dict.fromkeys(classes + extra))


@register.filter
def duration_words(delta) -> str:
    """A timedelta as people say it: "15 minutes", "1 hour", "2 hours 30 minutes"."""
    if delta is None:
        return ""
    minutes = max(1, round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
