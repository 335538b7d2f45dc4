// "Due for review" (data-course="reviews", on the start page and the progress page): how
// many reviews are due, each with a Review button that asks one task of its topic in place
// (web/review-task.js), then says when it comes back. It follows changes made in other tabs.
import { button, element } from "./dom.js";
import * as memory from "./memory.js";
import { topic } from "./review-bank.js";
import { ask, usable } from "./review-task.js";
import * as reviews from "./reviews.js";
import { DAY, next as nextDue, pick } from "./schedule.js";

const days = (n) => (n === 1 ? "a day" : `${n} days`);

function countSentence(count) {
  if (!count) return "Nothing is due for review now.";
  return count === 1 ? "1 review is due." : `${count} reviews are due.`;
}

class ReviewList {
  constructor(root, course) {
    this.root = root;
    this.course = course;
    this.asking = null; // the topic being asked: the list waits for it to be answered
    this.count = element("p", "mg-review-count");
    this.count.setAttribute("role", "status");
    this.list = element("ul", "mg-review-list");
    this.task = element("div", "mg-review-task");
    root.replaceChildren(this.count, this.list, this.task);
    this.show();
    this.follow = () => (this.root.isConnected ? this.asking || this.show() : this.stop());
    memory.changes.addEventListener("change", this.follow);
  }

  stop() {
    memory.changes.removeEventListener("change", this.follow);
  }

  show() {
    const due = reviews.due();
    this.count.textContent = countSentence(due.length);
    this.list.replaceChildren(...due.map((review) => this.row(review)));
    if (!due.length) this.list.append(this.emptyNote());
  }

  emptyNote() {
    const next = nextDue(reviews.cards());
    const said = next
      ? `The next is due on ${new Date(next).toLocaleDateString("sv-SE")}.`
      : "Pass an exercise or answer a self-check: it comes back here for review a day later.";
    return element("li", "mg-review-none", said);
  }

  row(review) {
    const item = element("li");
    const open = button("Review", `Review: ${review.title}`, () => this.open(review));
    item.append(element("span", "", review.title), " ", open);
    return item;
  }

  open(review) {
    const card = memory.cards()[review.id];
    const task = pick(topic(review.id).items, card?.item ?? null, usable);
    this.asking = review.id;
    const box = element("section", "mg-review-box");
    box.setAttribute("aria-label", `Review: ${review.title}`);
    box.append(element("h3", "", review.title));
    this.task.replaceChildren(box);
    ask(box, task, this.course, (correct) => this.answered(box, review, task, correct));
  }

  /** Keep the answer; what became of it, in a sentence. Another tab may have answered the
   * same review while this one asked (that answer stands, once), or erased the memory. */
  record(review, task, correct) {
    const gap = (card) => days(Math.round((card.due - card.last) / DAY));
    if (reviews.due().some(({ id }) => id === review.id)) {
      const card = reviews.answer(review.id, correct, { item: task.id });
      const unkept = memory.trouble(); // storage full or refused: for this visit only
      return `It comes back in ${gap(card)}.${unkept ? ` ${unkept}` : ""}`;
    }
    const card = reviews.cards()[review.id];
    if (!card) return "The course's memory was erased in another tab meanwhile: nothing was kept.";
    return `It was answered in another tab meanwhile: it comes back in ${gap(card)}.`;
  }

  answered(box, review, task, correct) {
    const again = element("p", "", this.record(review, task, correct));
    const close = button("Done", null, () => {
      this.task.replaceChildren();
      this.list.querySelector("button")?.focus();
    });
    box.append(again, close);
    this.asking = null;
    this.show();
    close.focus();
  }
}

export function mount(elements, course) {
  for (const root of elements) new ReviewList(root, course);
}
