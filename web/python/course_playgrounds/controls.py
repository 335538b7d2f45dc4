"""A playground's controls, declared once: the build writes their markup from these
declarations, the page sends back their values as text, and ``parse`` checks and converts
them before a playground draws.

- :class:`Range`: a slider (``<input type="range">``), its value shown beside it;
- :class:`Choice`: radio buttons in a ``<fieldset>``;
- :class:`Buttons`: buttons that move a slider: one step back or on, to its start, or
  playing through it (web/playground.js gives them their behaviour).
"""

from dataclasses import dataclass
from html import escape


def number(value, digits):
    """A number as the page shows it: fixed decimals and a true minus sign."""
    return f"{value:.{digits}f}".replace("-", "\u2212")


@dataclass(frozen=True)
class Range:
    """A slider from ``lo`` to ``hi`` in steps of ``step``, starting at ``value``."""

    name: str
    label: str
    lo: float
    hi: float
    step: float
    value: float
    digits: int = 2  # decimals shown beside the slider

    def parse(self, text):
        """The slider's value as a number (an ``int`` for whole steps), checked."""
        try:
            value = float(text)
        except (TypeError, ValueError):
            raise ValueError(f"{self.label}: expected a number, got {text!r}") from None
        if not self.lo <= value <= self.hi:
            raise ValueError(
                f"{self.label}: {value:g} is outside {self.lo:g} to {self.hi:g}"
            )
        whole = float(self.step).is_integer() and float(self.lo).is_integer()
        return int(value) if whole and value.is_integer() else value

    def html(self, prefix):
        id_ = f"{prefix}-{self.name}"
        return (
            f'<div class="mg-pg-range"><label for="{id_}">{escape(self.label)}</label>'
            f'<input type="range" id="{id_}" name="{self.name}" min="{self.lo:g}"'
            f' max="{self.hi:g}" step="{self.step:g}" value="{self.value:g}">'
            f'<output for="{id_}" aria-hidden="true" data-digits="{self.digits}">'
            f"{number(self.value, self.digits)}</output></div>"
        )


@dataclass(frozen=True)
class Choice:
    """Radio buttons: ``options`` are ``(value, text)`` pairs; ``value`` is checked."""

    name: str
    label: str
    options: tuple
    value: str

    def parse(self, text):
        if text not in dict(self.options):
            allowed = ", ".join(repr(v) for v, _ in self.options)
            raise ValueError(f"{self.label}: expected one of {allowed}, got {text!r}")
        return text

    def html(self, prefix):
        radios = "".join(
            f'<label><input type="radio" name="{self.name}" value="{escape(value)}"'
            f"{' checked' if value == self.value else ''}> {escape(text)}</label>"
            for value, text in self.options
        )
        return (
            f'<fieldset class="mg-pg-choice"><legend>{escape(self.label)}</legend>'
            f"{radios}</fieldset>"
        )


@dataclass(frozen=True)
class Buttons:
    """Buttons that move the slider ``target``: ``buttons`` are ``(move, text, label)``,
    where ``move`` names what the button does (``MOVES`` in web/playground.js, the one
    place they are defined: back, next, start, play) and ``label`` is what a screen
    reader says."""

    target: str
    buttons: tuple

    def parse(self, text):  # buttons send no value of their own
        return None

    def html(self, prefix):
        parts = []
        for move, text, label in self.buttons:
            pressed = ' aria-pressed="false"' if move == "play" else ""
            parts.append(
                f'<button type="button" class="mg-button" data-move="{move}"'
                f' data-for="{prefix}-{self.target}" aria-label="{escape(label)}"'
                f"{pressed}>{escape(text)}</button>"
            )
        return f'<div class="mg-pg-buttons">{"".join(parts)}</div>'


def parse(controls, params):
    """``params`` (names to text, as the page sends them) as checked values; a control
    left out takes its starting value, and a name that no control has is refused."""
    params = dict(params or {})
    known = {c.name for c in controls if hasattr(c, "name")}
    if unknown := sorted(set(params) - known):
        raise ValueError(f"no control named {', '.join(unknown)}")
    return {
        c.name: c.parse(params[c.name]) if c.name in params else c.value
        for c in controls
        if hasattr(c, "name")
    }
