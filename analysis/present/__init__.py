"""Presentation: charts, tables, highlighted articles, widgets, the guide, the lesson and the HTML reports.

Layer map and import rules: docs/design.md, "Architecture".
"""
