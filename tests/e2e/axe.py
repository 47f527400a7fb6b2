"""Accessibility scan of a Playwright page with the vendored axe-core."""

from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

# WCAG 2.2 AA is what UK public-sector bodies are held to; best-practice catches
# landmark/heading problems that WCAG tags alone let through.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

MAX_NODES_SHOWN = 3
MAX_HTML_CHARS = 200

_RUN_AXE = """
tags => axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
}).then(results => results.violations)
"""


def run_axe(page) -> list[dict]:
    """Return axe's violations for the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol rather than added as a <script>: the
        # site's Content-Security-Policy refuses inline scripts, and the tests must see
        # pages under the policy as people get them (no bypass_csp).
        page.evaluate(AXE_JS.read_text())
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def format_violations(violations: list[dict], context_label: str = "", url: str = "") -> str:
    where = " ".join(part for part in (context_label, f"({url})" if url else "") if part)
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'unknown'}]: {violation['help']}"
            f"\n  {violation.get('helpUrl', '')}"
        )
        nodes = violation.get("nodes", [])
        for node in nodes[:MAX_NODES_SHOWN]:
            target = ", ".join(str(t) for t in node.get("target", []))
            html = " ".join(node.get("html", "").split())[:MAX_HTML_CHARS]
            lines.append(f"    {target}\n      {html}")
        if len(nodes) > MAX_NODES_SHOWN:
            lines.append(f"    ... and {len(nodes) - MAX_NODES_SHOWN} more element(s)")
    return "\n".join(lines)


def assert_no_axe_violations(page, context_label: str = "") -> None:
    violations = run_axe(page)
    if violations:
        raise AssertionError(format_violations(violations, context_label, page.url))
