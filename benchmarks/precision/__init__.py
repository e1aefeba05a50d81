"""The precision benchmark: how many of framing's findings on real text are true alarms (see run.py)."""
