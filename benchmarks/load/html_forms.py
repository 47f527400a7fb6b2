"""What a browser would send: a page's form with its filled-in values, and the code an
authenticator app shows. Standard library only, so the load generator needs no Django."""

import hashlib
import hmac
import struct
import time
from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """The fields of the first form whose action contains `action` (any form if None)."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.radios: dict[str, str] = {}
        self._select = None
        self._select_first = None
        self._select_chosen = False
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and not self.done and not self.inside:
            method = a.get("method", "get").lower()
            target = a.get("action", "")
            # A form without an action posts back to its page; sign-out is never wanted.
            wanted = self.action is None or self.action in target or target in ("", ".")
            if method == "post" and wanted and "sign-out" not in target:
                self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
                elif kind == "radio":
                    self.radios.setdefault(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "image", "file"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None and value:
                self._select_first = value
            if "selected" in a and value:  # a selected "Choose one" is no choice
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self._select:
            # As a person must: the first real choice when none is made yet.
            if not self._select_chosen and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).strip("\n")))
            self._textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_fields(html: str, action: str | None = None) -> list[tuple[str, str]]:
    """The (name, value) pairs the form would submit as it stands. Radio groups with
    nothing chosen get their first choice, as a respondent tapping the first answer."""
    parser = _FormParser(action)
    parser.feed(html)
    names = {name for name, _ in parser.fields}
    return parser.fields + [(n, v) for n, v in parser.radios.items() if n not in names]


def with_values(fields: list[tuple[str, str]], **values) -> list[tuple[str, str]]:
    """The fields with some replaced (or added)."""
    kept = [(n, v) for n, v in fields if n not in values]
    return kept + list(values.items())


def totp(key_hex: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 (SHA-1), as django-otp's TOTPDevice and every authenticator app compute."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)
