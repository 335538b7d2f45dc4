// Self-check quizzes: say which answers are right and which are not, and sum up.
//
// A quiz is a <form class="self-check"> of <fieldset class="self-check__question">s. Each
// question holds radio buttons, exactly one of them marked data-correct, and its explanation
// folded in a <details>. Without this script the quiz still works: the reader opens each
// explanation. With it, "Check my answers" marks every question in words ("Right." or
// "Not quite."), opens the explanations of the ones to look at again, and announces the
// score through a role="status" element.

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

function clear(form, questions) {
  for (const question of questions) {
    delete question.dataset.result;
    question.querySelector(".self-check__verdict").textContent = "";
  }
  form.querySelector(".self-check__score").textContent = "";
}

/** Give one quiz its verdicts, its buttons and its score. */
export function enhance(form) {
  const questions = [...form.querySelectorAll(".self-check__question")];
  for (const question of questions) {
    const verdict = document.createElement("p");
    verdict.className = "self-check__verdict";
    question.querySelector(".self-check__options").after(verdict);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const results = questions.map(mark);
    form.querySelector(".self-check__score").textContent = summary(results);
  });
  form.addEventListener("reset", () => clear(form, questions));
  form.querySelector(".self-check__actions").hidden = false;
}

for (const form of document.querySelectorAll("form.self-check")) enhance(form);
