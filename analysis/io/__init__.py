"""Input and output: story folders, batch records, web pages, fetching and new stories.

Layer map and import rules: docs/design.md, "Architecture".
"""
