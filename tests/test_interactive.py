"""Tests for analysis.present.interactive: widgets in JupyterLab, plain output elsewhere."""

from __future__ import annotations

import pytest

from analysis.present import interactive


@pytest.fixture
def shown(monkeypatch):
    items: list = []
    monkeypatch.setattr(interactive, "_display", items.append)
    return items


def test_static_env_turns_widgets_off(monkeypatch):
    monkeypatch.setenv(interactive.STATIC_ENV, "1")
    assert interactive.widgets_available() is False


def test_without_widgets_every_option_is_shown_with_default_layers(shown):
    calls = []

    def render(option, layers):
        calls.append((option, tuple(layers)))
        return f"<p>{option}</p>"

    interactive.choose_and_show(["a", "b"], ["quote", "hedge"], render, ["quote"], interactive=False)
    assert calls == [("a", ("quote",)), ("b", ("quote",))]
    assert shown == ["<p>a</p>", "<p>b</p>"]


def test_without_widgets_the_default_text_is_rendered(shown):
    interactive.type_and_show(lambda text: f"<b>{text}</b>", "letter", interactive=False)
    assert shown == ["<b>letter</b>"]


def test_with_widgets_a_picker_is_built_and_reacts(shown):
    pytest.importorskip("ipywidgets")
    calls = []
    interactive.choose_and_show(["a", "b"], ["quote", "hedge"],
                                lambda o, layers: calls.append((o, tuple(layers))) or "x",
                                interactive=True)
    box = shown[-1]
    picker = box.children[0]
    assert calls[-1] == ("a", ("quote", "hedge"))
    picker.value = "b"
    assert calls[-1] == ("b", ("quote", "hedge"))
    box.children[1].children[1].value = False  # switch "hedge" off
    assert calls[-1] == ("b", ("quote",))
