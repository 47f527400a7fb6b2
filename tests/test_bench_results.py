"""benchmarks/RESULTS.md keeps the latest table and the one before it, never more."""

from benchmarks.bench import the_run_before


def _results(date: str, figure: str, before: str = "") -> str:
    return (
        f"# Benchmark results\n\nIntro.\n\n- Date: {date}\n- Machine: m\n\n"
        f"| figure | measured |\n|---|---|\n| {figure} | 1 s |\n" + before
    )


def test_the_latest_table_becomes_the_run_before_and_older_ones_go():
    oldest = _results("1 December", "oldest")
    older = _results("2 December", "older", the_run_before(oldest))
    kept = the_run_before(older)
    assert kept.startswith("\n## The run before\n")
    assert "- Date: 2 December" in kept
    assert "| older |" in kept
    assert "1 December" not in kept
    assert "oldest" not in kept
    assert "# Benchmark results" not in kept
    assert "Intro." not in kept


def test_a_file_without_a_table_keeps_nothing():
    assert the_run_before("# Benchmark results\n\nNo run yet.\n") == ""
