def print_report(out, report, *, limit: int = 200) -> None:
    out.write(report.summary())
    for note in report.notes:
        out.write(f"  {note}")
    for rejection in report.rejected[:limit]:
        out.write(f"  line {rejection.line}: {rejection.reason}")
    if len(report.rejected) > limit:
        out.write(f"  … and {len(report.rejected) - limit} more rejected rows")
    if report.dry_run:
        out.write("Dry run: nothing was written.")
