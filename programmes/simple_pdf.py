"""A one-page PDF of text lines, laid out by hand (PDF 1.4, the standard Helvetica fonts,
WinAnsi encoding) so the school record needs no PDF library. Lines that do not fit are
left off and the caller is told how many."""

A4 = (595, 842)
MARGIN = 50


def _escape(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def one_page(lines: list[tuple[str, int, bool]]) -> tuple[bytes, int]:
    """lines: (text, font size, bold). Returns (pdf bytes, lines left off)."""
    width, height = A4
    y = height - MARGIN
    ops = [b"BT"]
    shown = 0
    for text, size, bold in lines:
        step = size * 1.35
        if y - step < MARGIN:
            break
        y -= step
        font = b"/F2" if bold else b"/F1"
        ops.append(
            font + b" %d Tf 1 0 0 1 %d %.1f Tm (" % (size, MARGIN, y) + _escape(text) + b") Tj"
        )
        shown += 1
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (width, height)
        + b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out), len(lines) - shown


def fit(text: str, size: int, width: int = A4[0] - 2 * MARGIN) -> str:
    """Cut text to about what fits the width (Helvetica averages ~0.5 em a character)."""
    limit = int(width / (size * 0.5))
    return text if len(text) <= limit else text[: limit - 1] + "…"
