"""Control rules, one module per skjema; shared helpers in :mod:`kontroll.rules.common`.

Every module here is imported by the registry, so a new module registers itself.
"""
