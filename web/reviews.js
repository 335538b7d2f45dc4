// Spaced reviews: what the reader learned comes back, a day later, then at growing gaps
// (web/schedule.js), kept with the rest of the course's memory ("reviews", web/memory.js).
//
// A topic is learned when its exercise first passes (exercise/<name>), when a question of a
// module's self-check is answered (self-check/<page>), or when the reader's own words at the
// end of a lesson covered fewer than all of its key points (words/<lesson>). Only topics
// that the review bank (micrograd/check/reviews.py, written into the bundle by the build)
// or the own-words questions can ask about are scheduled. Every page knows the topics by
// title and module, to count what is due; what a review asks is web/review-bank.js's.
//
//   cards(now)              -> {id: card} of the topics this course asks
//   due(now)                -> [{id, title, module, due, step}], interleaved by module
//   answer(id, correct, {now, item}) records a review's result
//   TOPICS                  {id: {title, module}} of every topic a review can ask about
import * as memory from "./memory.js";
import * as schedule from "./schedule.js";

export const TOPICS = MICROGRAD_REVIEW_TOPICS;

/** The topics the reader has learned, by what the course keeps: [id]. */
function learned() {
  const found = [];
  for (const name of Object.keys(TOPICS).filter((id) => id.startsWith("exercise/"))) {
    if (memory.lastCheck(name.slice("exercise/".length))?.passed) found.push(name);
  }
  for (const answer of memory.answers()) found.push(`self-check/${answer.page}`);
  for (const [lesson, entry] of Object.entries(memory.words())) {
    if (entry.covered.length < entry.of) found.push(`words/${lesson}`);
  }
  return [...new Set(found)].filter((id) => TOPICS[id]);
}

/** Give every topic learned a card (first due a day from `now`); kept cards are kept. */
export function sync(now = Date.now()) {
  const cards = memory.cards();
  const missing = learned().filter((id) => !cards[id]);
  if (!missing.length) return cards;
  for (const id of missing) cards[id] = schedule.learn(null, TOPICS[id], now);
  memory.saveCards(cards);
  return cards;
}

/** The cards of the topics this course asks: an older version's may be kept for others. */
export function cards(now = Date.now()) {
  return Object.fromEntries(Object.entries(sync(now)).filter(([id]) => TOPICS[id]));
}

export function due(now = Date.now()) {
  return schedule.due(cards(now), now).map(([id, card]) => ({
    id,
    title: card.title,
    module: card.module,
    due: new Date(card.due).toISOString(),
    step: card.step,
  }));
}

export function answer(id, correct, { now = Date.now(), item } = {}) {
  const cards = sync(now);
  if (!cards[id]) throw new Error(`no review "${id}" (known: ${Object.keys(cards).join(", ")})`);
  cards[id] = schedule.answer(cards[id], Boolean(correct), now, item ?? cards[id].item);
  memory.saveCards(cards);
  return { id, ...cards[id] };
}

// What the course learns as the reader works: cards are made as soon as it happens.
memory.changes.addEventListener("change", ({ detail }) => {
  const { key } = detail;
  if (key !== null && !/^(check\/|self-checks$|words$|reviews$)/.test(key)) return;
  if (key !== "reviews") sync();
  if (typeof document !== "undefined") showCount(document);
});

/** The quiet count in the site's navigation: "3 due" beside the progress page's link. */
export function showCount(root = document) {
  const count = due().length;
  for (const link of root.querySelectorAll('.md-nav__link[href$="exercises/progress/"]')) {
    let badge = link.querySelector(".mg-due-count");
    if (!badge && !count) continue;
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "mg-due-count";
      link.append(badge);
    }
    badge.textContent = count ? `${count} due` : "";
    badge.hidden = !count;
    badge.title = count ? `${count} ${count === 1 ? "review" : "reviews"} due` : "";
  }
}
