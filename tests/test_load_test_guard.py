"""The load test's bounds (benchmarks/load_test.py): it refuses any target but 127.0.0.1,
and every run has a time and a request cap, defaulted when not given and refused beyond
their maxima. Nothing is started here: no server, no load."""

import pytest
from django_otp.oath import TOTP

from benchmarks import load_test
from benchmarks.load import guard, servers
from benchmarks.load.html_forms import form_fields, totp, with_values


@pytest.fixture
def nothing_starts(monkeypatch):
    def refuse(**kwargs):
        raise AssertionError("a server was started")

    monkeypatch.setattr(servers, "running", refuse)
    monkeypatch.setattr(servers, "collectstatic", refuse)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/outreach_load")


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5:8041",
        "http://localhost:8041",
        "http://0.0.0.0:8041",
        "http://example.com",
        "https://127.0.0.1:8041",
        "http://user@127.0.0.1:8041",
        "http://127.0.0.1.example.com:8041",
    ],
)
def test_the_load_generator_refuses_any_target_but_loopback(url):
    with pytest.raises(guard.BoundsError):
        guard.check_target(url)


def test_the_load_generator_accepts_127_0_0_1():
    assert guard.check_target("http://127.0.0.1:8041") == "http://127.0.0.1:8041"


@pytest.mark.parametrize("command", ["run", "ceiling", "booking-under-report"])
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "localhost", "::"])
def test_every_command_refuses_a_non_loopback_host_before_starting_anything(
    nothing_starts, command, host, capsys
):
    with pytest.raises(SystemExit) as exit_:
        load_test.main([command, "--users", "5", "--host", host])
    assert "127.0.0.1" in str(exit_.value)


def test_a_database_elsewhere_is_refused(nothing_starts, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@db.example.com:5432/outreach")
    with pytest.raises(SystemExit, match="127.0.0.1"):
        load_test.main(["run", "--users", "5"])


def test_users_are_required_and_bounded(nothing_starts, capsys):
    with pytest.raises(SystemExit):
        load_test.main(["run"])  # argparse: --users is required
    for users in (0, guard.MAX_USERS + 1):
        with pytest.raises(SystemExit, match="Users must be"):
            load_test.main(["run", "--users", str(users)])


def test_time_defaults_to_a_minute_and_is_capped():
    assert guard.seconds(None) == 60
    assert guard.seconds("60s") == 60
    assert guard.seconds("2m") == 120
    assert guard.seconds("45") == 45
    for bad in ("0s", "11m", "601s", "forever", "-5s"):
        with pytest.raises(guard.BoundsError):
            guard.seconds(bad)


def test_requests_are_capped_by_default():
    assert guard.max_requests(None) == guard.DEFAULT_MAX_REQUESTS
    assert guard.max_requests(500) == 500
    for bad in (0, guard.MAX_REQUESTS + 1):
        with pytest.raises(guard.BoundsError):
            guard.max_requests(bad)


def test_the_server_it_starts_binds_loopback_only():
    running = servers.running(host="0.0.0.0", port=8041, env={}, lifetime=1, heavy_worker=False)
    with pytest.raises(guard.BoundsError):
        running.__enter__()


def test_its_codes_are_the_ones_django_otp_accepts():
    key = "3132333435363738393031323334353637383930"
    at = 1_700_000_000
    expected = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6)
    expected.time = at
    assert totp(key, at=at) == str(expected.token()).zfill(6)


def test_forms_are_read_as_a_browser_would_send_them():
    html = """
      <form method="post" action="/accounts/sign-out/"><input name="csrfmiddlewaretoken"
        value="no"></form>
      <form method="post" action="">
        <input type="hidden" name="csrfmiddlewaretoken" value="tok">
        <select name="year_group"><option value="" selected>Choose</option>
          <option value="7">Year 7</option><option value="8">Year 8</option></select>
        <input type="radio" name="q1" value="a"><input type="radio" name="q1" value="b">
        <input type="checkbox" name="goals" value="1" checked>
        <input type="checkbox" name="goals" value="2">
        <textarea name="notes">kept</textarea>
        <button type="submit" name="go">Go</button>
      </form>"""
    fields = with_values(form_fields(html, action="/book/"), students="25")
    assert sorted(fields) == sorted(
        [
            ("csrfmiddlewaretoken", "tok"),
            ("year_group", "7"),
            ("goals", "1"),
            ("notes", "kept"),
            ("q1", "a"),
            ("students", "25"),
        ]
    )
