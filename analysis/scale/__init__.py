"""Scale: batch analysis of large corpora, trends over time and generated corpora.

Layer map and import rules: docs/design.md, "Architecture".
"""
