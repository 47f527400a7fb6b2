"""Entries this app adds to the primary navigation (see outreach/navigation.py)."""

ENTRIES = []
