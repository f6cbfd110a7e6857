"""sitrep.web: the offline web UI (``sitrep serve``) and the view models it shares with the
HTML report. ``sitrep.web.app`` needs FastAPI and uvicorn (the ``web`` extra); ``views``,
``profiles``, ``highlight`` and ``render`` need only Jinja2."""
