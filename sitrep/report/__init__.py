"""sitrep.report: the daily situation report, one self-contained HTML file."""

from sitrep.report.daily import build, render

__all__ = ["build", "render"]
