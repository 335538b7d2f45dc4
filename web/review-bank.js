// What a review asks: each topic's items (questions, code, answers), written into the bundle
// by the build (micrograd/check/reviews.py, hooks/runtime.py). Only a page that asks
// reviews (web/review-list.js) loads them: the others know the topics by title and module
// alone (web/reviews.js), which is all that counting the reviews due needs.
//
//   topic(id) -> {title, module, items} to ask, or null when there is nothing to ask
import { TOPICS } from "./reviews.js";

const ITEMS = JSON.parse(MICROGRAD_REVIEW_ITEMS); // a string: see hooks/runtime.py

export const topic = (id) => (TOPICS[id] ? { ...TOPICS[id], items: ITEMS[id] } : null);
