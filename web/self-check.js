// Self-check quizzes (data-course="self-check"): say which answers are right and which are
// not, sum up, and keep each answer (web/memory.js "self-checks", shown on the progress page).
//
// A quiz is a <form class="self-check"> of <fieldset class="self-check__question">s. Each
// question holds radio buttons, exactly one of them marked data-correct, and its explanation
// folded in a <details>. Without this script the quiz still works: the reader opens each
// explanation. With it, "Check my answers" marks every question in words ("Right." or
// "Not quite."), opens the explanations of the ones to look at again, and announces the
// score through a role="status" element. A "predict the output" question (data-kind="predict")
// shows its code's Run button only once an answer is chosen (data-answered; the style is
// in docs/assets/lessons.css): predict first, then run.
import { element } from "./dom.js";
import * as memory from "./memory.js";
import { sitePath } from "./site.js";

const VERDICTS = {
  right: "✓ Right.",
  wrong: "✗ Not quite: its explanation is now open.",
  unanswered: "Not answered yet.",
};

/** "right", "wrong" or "unanswered" for one question, shown in words inside it. */
export function mark(question) {
  const chosen = question.querySelector('input[type="radio"]:checked');
  let result = "unanswered";
  if (chosen) result = chosen.hasAttribute("data-correct") ? "right" : "wrong";
  question.dataset.result = result;
  question.querySelector(".self-check__verdict").textContent = VERDICTS[result];
  const explanation = question.querySelector("details");
  if (explanation && result === "wrong") explanation.open = true;
  return result;
}

/** The sentence that sums up a list of results, naming the questions to look at again. */
export function summary(results) {
  const right = results.filter((result) => result === "right").length;
  const again = results.flatMap((result, i) => (result === "right" ? [] : [i + 1]));
  const score = `${right} of ${results.length} right.`;
  if (again.length === 0) return `${score} Well done.`;
  const which = again.length === 1 ? "question" : "questions";
  return `${score} Look again at ${which} ${again.join(", ")}.`;
}

/** The answers given, as the progress page keeps them: {question, page, right, date}. */
function answersOf(questions, results) {
  const page = sitePath();
  const date = memory.today();
  return questions.flatMap((question, i) => {
    const name = question.querySelector('input[type="radio"]')?.name;
    if (!name || results[i] === "unanswered") return [];
    return [{ question: name, page, right: results[i] === "right", date }];
  });
}

function clear(form, questions) {
  for (const question of questions) {
    delete question.dataset.result;
    delete question.dataset.answered;
    question.querySelector(".self-check__verdict").textContent = "";
  }
  form.querySelector(".self-check__score").textContent = "";
}

/** A predict question: its Run shows once an answer is chosen. */
function predictFirst(question) {
  const note = element(
    "p",
    "self-check__run-note",
    "Choose your answer first: then Run the code to see.",
  );
  question.querySelector(".self-check__options").before(note);
  question.addEventListener("change", () => (question.dataset.answered = ""));
}

/** Give one quiz its verdicts, its buttons and its score. */
export function enhance(form) {
  const questions = [...form.querySelectorAll(".self-check__question")];
  for (const question of questions) {
    question.querySelector(".self-check__options").after(element("p", "self-check__verdict"));
    if (question.dataset.kind === "predict") predictFirst(question);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const results = questions.map(mark);
    const kept = answersOf(questions, results);
    if (kept.length) memory.recordAnswers(kept);
    const where = kept.length ? " Your answers are kept on your progress page." : "";
    form.querySelector(".self-check__score").textContent = summary(results) + where;
  });
  form.addEventListener("reset", () => clear(form, questions));
  form.querySelector(".self-check__actions").hidden = false;
}

export function mount(elements) {
  for (const form of elements) enhance(form);
}
