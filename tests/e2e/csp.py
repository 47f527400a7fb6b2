"""Content-Security-Policy violations seen by the browser, collected per browser context.

The listener is added with `add_init_script`, which the browser runs before any of the
page's own scripts and which the policy itself does not govern, so every refused script,
style, font, image or connection is recorded, whichever part of the page caused it. Each
one is passed back to Python through a binding, so none is lost when the page navigates."""

LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const found = {
    url: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    disposition: event.disposition,
  };
  window.__cspViolations.push(found);
  window.__reportCspViolation(found);
});
"""

# A violation event is queued as a task after the refusal; let queued ones arrive.
SETTLE = "() => new Promise((resolve) => setTimeout(resolve, 50))"


def watch(context) -> list[dict]:
    """Record every violation on every page of the context in the list returned; the
    console's own "Refused to ..." reports go in too, as a second witness."""
    found: list[dict] = []
    context.expose_binding("__reportCspViolation", lambda source, item: found.append(item))
    context.add_init_script(LISTENER)

    def on_console(message):
        if "Content Security Policy" in message.text:
            found.append(
                {"url": message.page.url if message.page else "?", "console": message.text}
            )

    context.on("console", on_console)
    return found


def settle(page) -> None:
    if not page.is_closed():
        page.evaluate(SETTLE)


def describe(found: list[dict]) -> str:
    lines = [f"{len(found)} Content-Security-Policy violation(s):"]
    for item in found:
        if "console" in item:
            lines.append(f"- {item['url']}: console: {item['console']}")
        else:
            lines.append(
                f"- {item['url']}: {item['directive']} refused {item['blocked'] or 'inline'}"
                f" ({item['source']}:{item['line']}) {item['sample'] or ''}".rstrip()
            )
    return "\n".join(lines)
