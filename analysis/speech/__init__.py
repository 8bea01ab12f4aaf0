"""Speech layer: quotes, reported speech, people, speaker types, voices and speaker tables.

Layer map and import rules: docs/design.md, "Architecture".
"""
