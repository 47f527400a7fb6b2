"""The safe defaults of the retention schedule (docs/decisions.md says why each)."""

from django.db import migrations

DEFAULTS = {
    "responses": (24, "months", "anonymise"),
    "identities": (12, "months", "delete"),
    "contacts": (24, "months", "anonymise"),
    "report_files": (30, "days", "delete"),
    "audit": (6, "years", "delete"),
    "sign_ins": (30, "days", "delete"),
    "accounts": (24, "months", "anonymise"),
}


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for kind, (period, unit, action) in DEFAULTS.items():
        RetentionRule.objects.get_or_create(
            kind=kind, defaults={"period": period, "unit": unit, "action": action}
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
