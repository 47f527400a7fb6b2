"""A progress line on stderr, redrawn in place: the project has no progress-bar library
and one line of output is not worth a dependency. On a terminal it redraws with `\\r`;
piped to a file it prints one line per step, so logs stay readable."""

import sys
import time


class Progress:
    def __init__(self, total: int, *, stream=None, width: int = 30):
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream or sys.stderr
        self.width = width
        self.step = ""
        self.started = time.perf_counter()
        self.live = getattr(self.stream, "isatty", lambda: False)()
        self._drawn = -1.0

    def stage(self, name: str) -> None:
        self.step = name
        if not self.live:
            self.stream.write(f"{self._elapsed()} {name}…\n")
            self.stream.flush()
        self._draw(force=True)

    def advance(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        self._draw()

    def close(self) -> None:
        self.done = self.total
        self._draw(force=True)
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def _elapsed(self) -> str:
        seconds = int(time.perf_counter() - self.started)
        return f"{seconds // 60:d}:{seconds % 60:02d}"

    def _draw(self, force: bool = False) -> None:
        if not self.live:
            return
        now = time.perf_counter()
        if not force and now - self._drawn < 0.2:
            return
        self._drawn = now
        share = self.done / self.total
        bar = "#" * int(share * self.width)
        self.stream.write(
            f"\r[{bar:<{self.width}}] {share:4.0%} {self._elapsed()} {self.step:<40.40}"
        )
        self.stream.flush()
