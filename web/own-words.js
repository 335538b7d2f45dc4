// "In your own words" at the end of a lesson (data-course="own-words", written by
// hooks/exercises.py from micrograd/check/reviews.py's OWN_WORDS): the reader writes two or
// three sentences, then sees the key points a good answer covers and ticks those they
// covered. Kept in this browser ("words", web/memory.js); an answer that missed a point
// comes back as a review (web/reviews.js), asked by the same form (web/review-task.js).
//
//   wordsForm(box, {lesson, question, points}, done, where)   done({text, covered, of, date});
//     where: "lesson" (the question labels the answer) or "review" (the review's heading
//     asks the question: the answer is labelled "Your answer")
import { button, element } from "./dom.js";
import * as memory from "./memory.js";

export function wordsForm(box, { lesson, question, points }, done, where = "lesson") {
  const id = `mg-words-${where}-${lesson.replace(/\W+/g, "-")}`;
  const label = element(
    "label",
    "mg-words-question",
    where === "review" ? "Your answer" : question,
  );
  label.htmlFor = id;
  const text = Object.assign(element("textarea", "mg-words-text"), { id, rows: 4 });
  if (where === "lesson") text.value = memory.words()[lesson]?.text ?? ""; // a review asks afresh
  const reveal = button("Show the key points", null, () => {
    if (!text.value.trim()) {
      status.textContent = "Write your answer first: then the key points show.";
      return text.focus();
    }
    reveal.hidden = true;
    ticks.hidden = false;
    ticks.querySelector("input").focus();
  });
  const status = element("p", "mg-status");
  status.setAttribute("role", "status");
  const ticks = element("fieldset", "mg-words-points");
  ticks.hidden = true;
  ticks.append(element("legend", "", "A good answer says… Tick what yours covered:"));
  const boxes = points.map((point) => {
    const tick = Object.assign(element("input"), { type: "checkbox" });
    const line = element("label", "mg-words-point");
    line.append(tick, ` ${point}`);
    ticks.append(line);
    return tick;
  });
  const keep = button("Keep my answer", null, () => {
    const covered = boxes.flatMap((tick, i) => (tick.checked ? [i] : []));
    const entry = { text: text.value, covered, of: points.length, date: memory.today() };
    memory.saveWords(lesson, entry);
    status.textContent =
      covered.length === points.length
        ? "Kept, all of it: your tutor prompt now includes it."
        : "Kept: it comes back for review tomorrow, and your tutor prompt includes it.";
    done?.(entry);
  });
  ticks.append(keep);
  box.append(label, text, reveal, ticks, status);
}

export function mount(elements) {
  for (const root of elements) {
    const data = JSON.parse(root.dataset.courseData);
    const form = element("div", "mg-words-form");
    root.querySelector(".mg-words-static")?.remove();
    root.append(form);
    wordsForm(form, data);
  }
}
