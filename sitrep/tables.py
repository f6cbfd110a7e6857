"""Human-readable tables (rich) for the CLI's ``--format table``. Pure formatting, no logic."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.model import Actor, AnalyzedArticle, Event, Place


def _console() -> Console:
    # Wide enough that a table piped to a file or CI log is not squeezed to 80 columns.
    return Console(width=160, soft_wrap=False)


def actor_label(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.normalized or actor.name


def place_label(place: Place | None) -> str:
    if place is None:
        return ""
    parts = [place.name]
    country = place.country_name or place.country
    # A place that is the country itself is written once: "Kenya", not "Kenya, Kenya".
    if country and country != place.name and place.feature not in ("PCLI", "PCL", "PCLD"):
        parts.append(str(country))
    return ", ".join(parts)


def fatalities_label(event: Event) -> str:
    f = event.fatalities
    if f.best is None:
        return "?"
    if f.low is not None and f.high is not None and f.low != f.high:
        return f"{f.best} ({f.low}-{f.high})"
    return str(f.best)


def events_table(events: list[Event], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in ("date", "type / sub-type", "actor1", "actor2", "place", "dead", "modality", "sources"):
        table.add_column(column, overflow="fold")
    for e in events:
        table.add_row(
            e.date or "",
            f"{e.event_type} / {e.sub_event_type}",
            actor_label(e.actor1),
            actor_label(e.actor2),
            place_label(e.place),
            fatalities_label(e),
            e.modality,
            "; ".join(sorted({s.outlet or s.article_id for s in e.sources})),
        )
    return table


def print_events(events: list[Event]) -> None:
    _console().print(events_table(events, title=f"{len(events)} events"))


def print_analysis(analysis: AnalyzedArticle) -> None:
    console = _console()
    a = analysis.article
    console.print(f"[bold]{a.title or a.source_path or a.id}[/bold]  {a.outlet or ''} {a.published or ''}")
    if analysis.skipped:
        console.print(f"  skipped: {analysis.skipped}")
        return
    console.print(events_table(analysis.events, title="events"))
    if analysis.quotes:
        quotes = Table(title="claims")
        for column in ("speaker", "cue", "stance", "content"):
            quotes.add_column(column, overflow="fold")
        for q in analysis.quotes:
            quotes.add_row(
                q.speaker_resolved or (q.speaker.text if q.speaker else ""),
                q.cue.text if q.cue else "",
                q.stance,
                q.content.text[:200],
            )
        console.print(quotes)
    if analysis.framing:
        framing = Table(title="framing")
        for column in ("term", "category", "neutral alternative"):
            framing.add_column(column, overflow="fold")
        for m in analysis.framing:
            framing.add_row(m.span.text, m.category, m.neutral_alternative or "")
        console.print(framing)


def print_metrics(metrics: dict[str, Any]) -> None:
    table = Table(show_header=True)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in metrics.items():
        if isinstance(value, float):
            table.add_row(key, f"{value:.3f}")
        elif isinstance(value, dict):
            table.add_row(key, ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                         for k, v in value.items()))
        else:
            table.add_row(key, str(value))
    _console().print(table)
