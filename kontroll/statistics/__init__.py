"""Statistics summaries per skjema (one module each), registered with
:func:`kontroll.registry.statistics`."""
