from tests.reporting.conftest import (  # noqa: F401  (fixtures)
    _commit_callbacks_run_at_once,
    media,
    programme,
)
