// One review, asked in the page (web/review-list.js opens it): a task of the review bank
// (micrograd/check/reviews.py), answered, marked right or wrong, and its result given to
// `done(correct)`. Python loads only for a rebuild, which the exercise's checker checks.
//
//   ask(box, item, course, done)   fills `box` with the task; returns nothing
//
// Kinds: predict (type what the code prints), derivative (type an expression), bug (choose
// the wrong line of three), rebuild (the reader's passed code with one function emptied),
// words (a lesson's own-words question again, web/own-words.js). Each is answered once; a
// rebuild that fails can be fixed and checked again, as practice.
import { button, element } from "./dom.js";
import { compare } from "./expression.js";
import * as memory from "./memory.js";
import { editorInPlaceOf } from "./open-editor.js";
import { wordsForm } from "./own-words.js";
import { emptied, HOLE } from "./rebuild.js";
import { render } from "./report.js";
import { siteRoot } from "./site.js";

/** The reader's own code of `exercise` with the function `name` in it: the code of their
 * last check that passed; for a check kept before checks kept their code, what they wrote
 * in the page, or else from memory (null when none has it). */
function ownCode(exercise, name) {
  const written = [
    memory.lastCheck(exercise)?.solution,
    memory.code(exercise),
    memory.recall(exercise),
  ];
  return written.find((code) => code && emptied(code, name)) ?? null;
}

/** Can `item` be asked here? A rebuild needs the reader's passed code of its exercise. */
export function usable(item) {
  if (item.kind !== "rebuild") return true;
  return Boolean(memory.lastCheck(item.exercise)?.passed && ownCode(item.exercise, item.function));
}

function verdict(box, correct, said) {
  const note = element("p", `mg-review-verdict ${correct ? "mg-right" : "mg-wrong"}`);
  note.textContent = `${correct ? "✓ Right." : "✗ Not quite."} ${said}`;
  note.setAttribute("role", "status");
  box.append(note);
}

/** A labelled one-line answer with a Check button: `judge(text)` -> [correct, said]. */
function typed(box, item, label, judge, done) {
  const id = `mg-review-${item.id}`;
  const field = element("input", "mg-review-answer");
  Object.assign(field, { id, type: "text", autocomplete: "off", spellcheck: false });
  const name = element("label", "", label);
  name.htmlFor = id;
  const check = button("Check", null, () => {
    if (!field.value.trim()) return field.focus();
    const [correct, said] = judge(field.value);
    field.readOnly = true;
    check.disabled = true;
    verdict(box, correct, said);
    done(correct);
  });
  field.addEventListener("keydown", (event) => event.key === "Enter" && check.click());
  const row = element("div", "mg-toolbar");
  row.append(field, check);
  box.append(name, row);
  field.focus();
}

function code(text) {
  const pre = element("pre", "mg-review-code");
  const inner = element("code", "", text);
  inner.tabIndex = 0; // the theme lets it scroll sideways: a keyboard can too
  pre.append(inner);
  return pre;
}

/** Does `text` say what was printed? Word by word; numbers by value (4 for 4.0). */
export function samePrint(text, printed) {
  const words = (t) => t.trim().split(/\s+/);
  const [given, shown] = [words(text), words(printed)];
  const same = (a, b) => a === b || (a.trim() !== "" && Number(a) === Number(b));
  return given.length === shown.length && given.every((word, i) => same(word, shown[i]));
}

/** The checker's report on a rebuild that did not pass, as under an exercise: what it
 * names, where and why. Its summary is the verdict's, said under it; a review has no Hint
 * button, so the report's own hint is all it gives. */
function report(result, item) {
  const pre = element("pre", "mg-report");
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", `The checker's report on your ${item.function}`);
  render(pre, { ...result, next_hint: null, summary: "" }, siteRoot());
  return pre;
}

const PRACTICE = "(Practice: the review keeps your first answer.)";

const KINDS = {
  predict(box, item, done) {
    box.append(code(item.code));
    typed(
      box,
      item,
      "What it prints:",
      (text) => [samePrint(text, item.answer), `It prints ${item.answer}.`],
      done,
    );
  },
  derivative(box, item, done) {
    const names = item.names.length ? ` (names: ${item.names.join(", ")})` : "";
    const judge = (text) => {
      const { same, error } = compare(text, item.answers[0], item.names);
      const unread = error && `${text.trim()} cannot be read as arithmetic: ${error}. `;
      return [same, `${unread}One way to write it: ${item.answers[0]}.`];
    };
    typed(box, item, `Your answer${names}:`, judge, done);
  },
  bug(box, item, done) {
    const group = element("fieldset", "mg-review-lines");
    group.append(element("legend", "", "The wrong line:"));
    item.lines.forEach((line, i) => {
      const label = element("label", "mg-review-line");
      const radio = Object.assign(element("input"), { type: "radio", name: item.id, value: i });
      label.append(radio, code(line));
      group.append(label);
    });
    const check = button("Check", null, () => {
      const chosen = group.querySelector("input:checked");
      if (!chosen) return group.querySelector("input").focus();
      const correct = Number(chosen.value) === item.wrong;
      for (const input of group.querySelectorAll("input")) input.disabled = true;
      check.disabled = true;
      verdict(box, correct, `Line ${item.wrong + 1} is wrong; right, it reads:`);
      box.append(code(item.fix));
      done(correct);
    });
    box.append(group, check);
  },
  async rebuild(box, item, done, course) {
    const source = emptied(ownCode(item.exercise, item.function), item.function);
    const plain = code(source);
    const status = element("p", "mg-status");
    status.setAttribute("role", "status");
    box.append(plain);
    const label = `${item.exercise}.py, with ${item.function} to rebuild`;
    const options = { doc: source, label, wrap: true };
    const editor = await editorInPlaceOf(plain, status, options, "mg-editor mg-review-editor");
    const outcome = element("div", "mg-review-outcome");
    let answer = done; // the review keeps the first answer; a check after it is practice
    const check = button("Check", `Check your ${item.function}`, async () => {
      check.disabled = true;
      try {
        const text = editor ? editor.value : source;
        const result = await course.check(item.exercise, text, {
          review: true, // its concepts join the history; the exercise's last check stays
          onStatus: (s) => (status.textContent = s),
        });
        status.textContent = "";
        const correct = result.exit === 0;
        const said = correct ? "The checker passes it." : result.summary;
        outcome.replaceChildren(...(correct ? [] : [report(result, item)]));
        editor?.markLine(result.line); // where the checker points, as under an exercise
        verdict(outcome, correct, answer ? said : `${said} ${PRACTICE}`);
        if (answer) {
          answer(correct); // the review's list moves the focus on
          check.disabled = correct; // not yet: fix it, and check again
          answer = null;
        } else {
          check.disabled = false; // practice: as often as the reader likes
          check.focus();
        }
      } catch (error) {
        status.textContent = `The check could not run: ${error.message ?? error}. Try again.`;
        check.disabled = false;
      }
    });
    box.append(check, status, outcome);
    editor?.goTo(source.split("\n").findIndex((line) => line.includes(HOLE)) + 1);
    editor?.focus();
  },
};

export function ask(box, item, course, done) {
  if (item.kind === "words") {
    return wordsForm(box, item, ({ covered, of }) => done(covered.length === of), "review");
  }
  box.append(element("p", "mg-review-prompt", item.prompt));
  return KINDS[item.kind](box, item, done, course);
}
