"""Interactive exploration in JupyterLab, with plain output everywhere else.

In JupyterLab the notebooks offer widgets (ipywidgets): pick an article and
the span layers to highlight, or type a word for a concordance. Where widgets
cannot work (an HTML report, a notebook run by ``make report``, a kernel
without ipywidgets) the same functions show plain, static output instead:
every article with the default layers, or the concordance of the default word.

The rendering itself is passed in as a function, so these helpers work with any
view (the annotated article of :mod:`analysis.present.annotate`, a concordance table).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["STATIC_ENV", "choose_and_show", "type_and_show", "widgets_available"]

STATIC_ENV = "ANALYSIS_STATIC_OUTPUT"
"""Environment variable that forces plain output (set by the report renderer)."""


def widgets_available() -> bool:
    """True when interactive widgets can be shown: ipywidgets imports and no static run.

    Returns
    -------
    bool
        False when :data:`STATIC_ENV` is set to "1" (reports) or ipywidgets is
        not installed.
    """
    if os.environ.get(STATIC_ENV) == "1":
        return False
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True


def _display(obj: Any) -> None:
    from IPython.display import HTML, display

    display(HTML(obj) if isinstance(obj, str) else obj)


def choose_and_show(
    options: Sequence[str],
    layers: Sequence[str],
    render: Callable[[str, Sequence[str]], Any],
    default_layers: Sequence[str] | None = None,
    interactive: bool | None = None,
) -> None:
    """Pick one of ``options`` (e.g. article ids) and some ``layers``; show ``render(option, layers)``.

    Parameters
    ----------
    options : sequence of str
        What can be picked (article ids).
    layers : sequence of str
        Span layers that can be switched on.
    render : callable
        ``render(option, chosen_layers)`` returns HTML (str) or a displayable object.
    default_layers : sequence of str, optional
        Layers switched on at first (all by default).
    interactive : bool, optional
        Force widgets on or off; by default :func:`widgets_available` decides.
        Without widgets every option is shown, one after the other, with the
        default layers.
    """
    chosen = list(default_layers if default_layers is not None else layers)
    if not (widgets_available() if interactive is None else interactive):
        for option in options:
            _display(render(option, chosen))
        return
    import ipywidgets as widgets

    picker = widgets.Dropdown(options=list(options), description="Article")
    boxes = [widgets.Checkbox(value=layer in chosen, description=layer, indent=False) for layer in layers]
    out = widgets.Output()

    def refresh(_change: object = None) -> None:
        out.clear_output(wait=True)
        with out:
            _display(render(picker.value, [b.description for b in boxes if b.value]))

    for w in [picker, *boxes]:
        w.observe(refresh, names="value")
    refresh()
    _display(widgets.VBox([picker, widgets.HBox(boxes), out]))


def type_and_show(
    render: Callable[[str], Any],
    default: str,
    label: str = "Word",
    interactive: bool | None = None,
) -> None:
    """A text box; show ``render(text)`` for what is typed (or for ``default`` without widgets).

    Parameters
    ----------
    render : callable
        ``render(text)`` returns HTML (str) or a displayable object (a DataFrame).
    default : str
        The initial text, and the only one shown without widgets.
    label : str
        The text box's label.
    interactive : bool, optional
        Force widgets on or off; by default :func:`widgets_available` decides.
    """
    if not (widgets_available() if interactive is None else interactive):
        _display(render(default))
        return
    import ipywidgets as widgets

    box = widgets.Text(value=default, description=label, continuous_update=False)
    out = widgets.Output()

    def refresh(_change: object = None) -> None:
        out.clear_output(wait=True)
        with out:
            if box.value.strip():
                _display(render(box.value.strip()))

    box.observe(refresh, names="value")
    refresh()
    _display(widgets.VBox([box, out]))
