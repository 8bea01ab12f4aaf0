"""Evaluation: the speech and frame gold-set measures, peer systems and coder agreement.

Layer map and import rules: docs/design.md, "Architecture".
"""
