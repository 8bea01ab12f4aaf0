"""Foundation: errors, atomic files and the project's folders.

Layer map and import rules: docs/design.md, "Architecture".
Every other layer may import these modules; they import no other part of the package.
"""
