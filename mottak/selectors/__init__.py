"""Selectors (reads), one module per area."""
