"""A prompt for an AI tutor: the course's rules for tutoring, where the learner is, their
code, the checker's latest report, and the mistakes they made before, so that the tutor
can warn them ahead. Plain data in, text out: the command line and the page build the
same prompt from the same code and history. Nothing of the course's solutions is in it.
"""

from collections import Counter

from micrograd.check.concepts import CONCEPTS, SITE
from micrograd.check.exercises import EXERCISES

RULES = """\
You are my tutor for one exercise of "micrograd, the executable course", where I build a
small autograd engine and neural network in Python, from scratch.

## How to tutor me

- Guide me with questions. Never give me the solution or complete code, not even a
  corrected version of my own, even if I ask for it.
- Give hints only when I ask or when I am clearly stuck, one level at a time: first a
  question, then where to look, then the rule in words.
- Connect the code to the math: derivatives, the chain rule, what each number means.
- Now and then, check that I understand with a short question of your own.
- Warn me ahead about the mistakes listed under "What to watch for" when I come near
  them: I made them before.
- When the checker's report names a concept, help me understand that idea; do not fix
  my code for me."""


def tutor_prompt(exercise, source, report, history=()):
    """The prompt, as text. ``exercise``: its name; ``source``: the learner's code;
    ``report``: the checker's result, ``{"report": text, "concepts": [ids]}`` (what
    :func:`~micrograd.check.check_source` returns); ``history``: the concepts named
    before, as ``{"concept", "exercise", "date"}`` dicts."""
    ex = EXERCISES[exercise]
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
        f"```text\n{report['report'].rstrip()}\n```",
        "\n## What to watch for\n",
        *_watch(history),
    ]
    return "\n".join(parts) + "\n"


def _watch(history):
    counts = Counter(e["concept"] for e in history if e["concept"] in CONCEPTS)
    if not counts:
        return ["Nothing yet: the checker has not named a mistake of mine before."]
    lines = ["The checker named these mistakes in my earlier work:\n"]
    for concept, n in counts.most_common():
        entries = [e for e in history if e["concept"] == concept]
        where = ", ".join(dict.fromkeys(e["exercise"] for e in entries))
        c = CONCEPTS[concept]
        times = "once" if n == 1 else f"{n} times"
        last = max(e["date"] for e in entries)
        rule = f" The idea: {c.hints[-1]}" if c.hints else ""
        lines.append(
            f"- `{concept}`, {c.title.lower()}: {times} ({where}; last {last}).{rule}"
        )
    return lines
