"""Renderers: one per format, each reading a report document (reporting/document.py)."""
