"""A prompt for an AI tutor: the course's rules for tutoring, where the learner is, their
code, the checker's latest report, the hints they have opened, and the mistakes they made
before, so that the tutor can warn them ahead. Plain data in, text out: the command line
and the page build the same prompt from the same code, history and hints. Nothing of the
course's solutions is in it, and no hint the learner has not opened: the tutor is asked to
give the next one, so the report's own hint lines are left out.
"""

import re

from micrograd.check.concepts import CONCEPTS, SITE
from micrograd.check.exercises import EXERCISES
from micrograd.check.history import phrase, summary
from micrograd.check.reviews import OWN_WORDS

RULES = """\
You are my tutor for one exercise of "micrograd, the executable course", where I build a
small autograd engine and neural network in Python, from scratch.

## How to tutor me

- Guide me with questions. Never give me the solution or complete code, not even a
  corrected version of my own, even if I ask for it.
- Give hints only when I ask or when I am clearly stuck, one level at a time: first a
  question, then where to look, then the rule in words. Go on from the hints I have
  opened (listed below): do not repeat them.
- Connect the code to the math: derivatives, the chain rule, what each number means.
- Now and then, check that I understand with a short question of your own.
- Warn me ahead about the mistakes listed under "What to watch for" when I come near
  them: I made them before.
- When the checker's report names a concept, help me understand that idea; do not fix
  my code for me."""


def tutor_prompt(exercise, source, report, history=(), hints=None, words=None):
    """The prompt, as text. ``exercise``: its name; ``source``: the learner's code;
    ``report``: the checker's result, ``{"report": text, "concepts": [ids]}`` (what
    :func:`~micrograd.check.check_source` returns); ``history``: the concepts named
    before, as ``{"concept", "exercise", "date"}`` dicts; ``hints``: ``{concept: level}``,
    the hints the learner has opened (1 to ``level``; the first is always shown);
    ``words``: the learner's own explanations, ``{lesson: {"text", ...}}`` (the progress
    file's ``words``), of which those of the exercise's lessons are included."""
    ex = EXERCISES[exercise]
    hints = hints or {}
    pitfalls = [CONCEPTS[c] for c in ex.concepts() if not CONCEPTS[c].fallback]
    parts = [
        RULES,
        "\n## Where I am\n",
        f"The exercise `{ex.name}`: {ex.about}. Its objectives:\n",
        *(f"- {objective}" for objective in ex.objectives),
        "\nThe lessons that teach it: " + ", ".join(SITE + p for p in ex.lessons),
        "\nThe mistakes this exercise's checker knows: "
        + "; ".join(c.title.lower() for c in pitfalls)
        + ".",
        "\n## My code\n",
        f"```python\n{source.rstrip()}\n```",
        "\n## The checker's latest report\n",
        f"```text\n{_without_hints(report['report']).rstrip()}\n```",
        "\n## The hints I have opened\n",
        *_opened(report["concepts"], hints),
        "\n## What to watch for\n",
        *_watch(history, hints),
        *_own_words(ex, words or {}),
    ]
    return "\n".join(parts) + "\n"


# A report's hint at the level asked ("Hint 2/3:" and its wrapped lines) and its advice
# for the next one ("--hint 3 on the command line"): the prompt lists the hints opened.
_HINT_LINES = re.compile(r"^ {6}Hint \d+/\d+: .*\n(?: {17}.*\n)*", re.M)
_NEXT_HINT = re.compile(r"^\nFor the next hint: .*\n", re.M)


def _without_hints(text):
    return _NEXT_HINT.sub("", _HINT_LINES.sub("", text + "\n"))


def _hints(concept, hints):
    """The hints of ``concept`` the learner has opened: at least the first."""
    return CONCEPTS[concept].hints[: max(1, hints.get(concept, 1))]


def _opened(concepts, hints):
    named = [c for c in dict.fromkeys(concepts) if c in CONCEPTS and CONCEPTS[c].hints]
    if not named:
        return ["None: the latest report names no mistake with hints."]
    lines = []
    for concept in named:
        lines.append(f"For `{concept}`, {CONCEPTS[concept].title.lower()}:\n")
        lines += [f"{k}. {hint}" for k, hint in enumerate(_hints(concept, hints), 1)]
        lines.append("")
    return lines[:-1]


def _watch(history, hints):
    items = summary([e for e in history if e["concept"] in CONCEPTS])
    if not items:
        return ["Nothing yet: the checker has not named a mistake of mine before."]
    lines = ["The checker named these mistakes in my earlier work:\n"]
    for item in items:
        concept = CONCEPTS[item["concept"]]
        said = f"- `{concept.id}`, {concept.title.lower()}: {phrase(item)}."
        opened = _hints(concept.id, hints) if concept.hints else ()
        said += "".join(f" Hint {k}: {hint}" for k, hint in enumerate(opened, 1))
        lines.append(said)
    return lines


def _own_words(ex, words):
    """The learner's explanations of the lessons in play (every lesson's, for an exercise
    whose lessons ask none), for the tutor to check by asking."""
    asked = [lesson for lesson in ex.lessons if lesson in OWN_WORDS] or list(OWN_WORDS)
    written = [
        lesson for lesson in asked if words.get(lesson, {}).get("text", "").strip()
    ]
    if not written:
        return []
    lines = [
        "\n## In my own words\n",
        "At the end of these lessons I explained what I learned. Check my explanations "
        "Socratically: ask me questions that test them and lead me to what is missing or "
        "wrong, without giving me the answers.",
    ]
    for lesson in written:
        lines.append(f"\n{SITE + lesson}: {OWN_WORDS[lesson]['question']}\n")
        lines += [
            f"> {line}".rstrip() for line in words[lesson]["text"].strip().splitlines()
        ]
    return lines
