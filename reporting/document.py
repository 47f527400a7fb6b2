"""What a compiled report is: sections of tables, each table with its definition and, where
it helps, one chart. Compilers build it, renderers (screen, PDF, XLSX, CSV) read it.

A document is stored on its run as JSON (`to_dict` / `from_dict`), so the screen view and
every download show exactly the figures that were compiled, without recomputing.

Cell values are plain JSON values: int, float, str or None (nothing to show), or a
`Suppressed` marker for a small number hidden under the disclosure rules. Renderers show a
suppressed cell as its label ("1 to 4") and never as a number.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Column kinds tell renderers how to format and what type a spreadsheet cell is.
TEXT, INTEGER, DECIMAL, PERCENT, MONEY = "text", "int", "decimal", "percent", "money"
KINDS = (TEXT, INTEGER, DECIMAL, PERCENT, MONEY)


@dataclass(frozen=True)
class Suppressed:
    """A count too small to show (and anything that would let it be worked out)."""

    label: str = "1 to 4"

    def to_json(self) -> dict:
        return {"suppressed": self.label}


def cell_to_json(value: Any) -> Any:
    return value.to_json() if isinstance(value, Suppressed) else value


def cell_from_json(value: Any) -> Any:
    if isinstance(value, dict) and "suppressed" in value:
        return Suppressed(value["suppressed"])
    if isinstance(value, dict) and set(value) == {"label"}:  # runs stored before the fix
        return Suppressed(value["label"])
    return value


@dataclass
class Column:
    key: str
    label: str
    kind: str = TEXT

    def __post_init__(self):
        assert self.kind in KINDS, self.kind


@dataclass
class Series:
    name: str
    values: list  # one per chart category: number, None or Suppressed (drawn as a gap)


@dataclass
class Chart:
    """One chart definition for screen and PDF: horizontal bars, one group per category,
    one bar per series. `unit` labels the values axis ("events", "%")."""

    title: str
    categories: list[str]
    series: list[Series]
    unit: str = ""
    kind: str = "bar"


@dataclass
class Table:
    key: str  # stable, file-name safe: becomes the CSV file name and XLSX sheet name
    title: str
    columns: list[Column]
    rows: list[list]
    definition: str  # how each figure is worked out, shown under the table
    chart: Chart | None = None
    empty_message: str = "Nothing to show for this scope and period."

    def __post_init__(self):
        for row in self.rows:
            assert len(row) == len(self.columns), (self.key, row)


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    summary: str = ""  # one or two plain sentences under the heading


@dataclass
class Report:
    kind: str
    title: str
    scope_label: str
    period_label: str
    generated_at: str  # ISO 8601, UTC
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # report-wide notes, e.g. suppression rule

    @property
    def is_empty(self) -> bool:
        return not any(table.rows for section in self.sections for table in section.tables)

    def tables(self):
        for section in self.sections:
            for table in section.tables:
                yield section, table

    def to_dict(self) -> dict:
        # Cells are mapped before asdict(), which would otherwise turn each Suppressed
        # marker into a plain {"label": ...} dict and lose what it is.
        sections = []
        for section in self.sections:
            tables = []
            for table in section.tables:
                chart = None
                if table.chart:
                    chart = {
                        **asdict(table.chart),
                        "series": [
                            {"name": s.name, "values": [cell_to_json(v) for v in s.values]}
                            for s in table.chart.series
                        ],
                    }
                tables.append(
                    {
                        "key": table.key,
                        "title": table.title,
                        "columns": [asdict(column) for column in table.columns],
                        "rows": [[cell_to_json(v) for v in row] for row in table.rows],
                        "definition": table.definition,
                        "chart": chart,
                        "empty_message": table.empty_message,
                    }
                )
            sections.append(
                {
                    "key": section.key,
                    "title": section.title,
                    "tables": tables,
                    "summary": section.summary,
                }
            )
        return {
            "kind": self.kind,
            "title": self.title,
            "scope_label": self.scope_label,
            "period_label": self.period_label,
            "generated_at": self.generated_at,
            "sections": sections,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        sections = []
        for s in data.get("sections", []):
            tables = []
            for t in s.get("tables", []):
                chart = None
                if t.get("chart"):
                    c = t["chart"]
                    chart = Chart(
                        title=c["title"],
                        categories=list(c["categories"]),
                        series=[
                            Series(x["name"], [cell_from_json(v) for v in x["values"]])
                            for x in c["series"]
                        ],
                        unit=c.get("unit", ""),
                        kind=c.get("kind", "bar"),
                    )
                tables.append(
                    Table(
                        key=t["key"],
                        title=t["title"],
                        columns=[Column(**col) for col in t["columns"]],
                        rows=[[cell_from_json(v) for v in row] for row in t["rows"]],
                        definition=t.get("definition", ""),
                        chart=chart,
                        empty_message=t.get("empty_message", Table.empty_message),
                    )
                )
            sections.append(
                Section(key=s["key"], title=s["title"], tables=tables, summary=s.get("summary", ""))
            )
        return cls(
            kind=data["kind"],
            title=data["title"],
            scope_label=data["scope_label"],
            period_label=data["period_label"],
            generated_at=data["generated_at"],
            sections=sections,
            notes=list(data.get("notes", [])),
        )
