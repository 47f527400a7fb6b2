"""Data protection: the retention schedule and the nightly run that applies it, and the
rights of the people the application holds data about (export, erasure)."""
