// When to review what: pure logic, the clock passed in (times are milliseconds since 1970,
// as Date.now() gives them). A topic is what a review asks about again: a passed build-it
// exercise or diagnosis challenge, a module's self-check, an own-words answer. Its card is
// {title, module, step, due, last, item}:
//
//   step   how many reviews in a row were right (0: none yet)
//   due    when it is next due; last: when it was learned or last reviewed
//   item   the id of the bank's item asked last (never asked twice in a row where it can be)
//
// The first review is a day after a topic is learned; each right answer moves to the next
// gap of GAPS (1, 3, 7, 21, 60 days, then 60 again); a wrong one goes back to a day.

export const DAY = 24 * 60 * 60 * 1000;
export const GAPS = [1, 3, 7, 21, 60]; // days

/** The card of a topic just learned (or learned again: a card already there is kept). */
export function learn(card, { title, module }, now) {
  if (card) return card;
  return { title, module, step: 0, due: now + GAPS[0] * DAY, last: now, item: null };
}

/** The card after a review answered right or wrong at `now`, asking `item`. */
export function answer(card, correct, now, item = card.item) {
  const step = correct ? Math.min(card.step + 1, GAPS.length) : 0;
  const gap = correct ? GAPS[Math.min(step, GAPS.length - 1)] : GAPS[0];
  return { ...card, step, due: now + gap * DAY, last: now, item };
}

/** The topics due at `now`, [[topic, card]], the longest waiting first, then interleaved:
 * no two of the same module in a row while another module has one waiting. */
export function due(cards, now) {
  const waiting = Object.entries(cards)
    .filter(([, card]) => card.due <= now)
    .sort(([a, x], [b, y]) => x.due - y.due || (a < b ? -1 : 1));
  const order = [];
  while (waiting.length) {
    const previous = order.at(-1)?.[1].module;
    const next = waiting.findIndex(([, card]) => card.module !== previous);
    order.push(...waiting.splice(Math.max(next, 0), 1));
  }
  return order;
}

/** The next time any topic is due, or null. */
export function next(cards) {
  const times = Object.values(cards).map((card) => card.due);
  return times.length ? Math.min(...times) : null;
}

/** The bank's item to ask: not the one asked last where the bank has another, then the one
 * after it (so the wording changes from review to review). `usable(item)`: what can be
 * asked here (a rebuild needs the reader's code). */
export function pick(items, last, usable = () => true) {
  const fit = items.filter(usable);
  if (!fit.length) return null;
  const at = fit.findIndex((item) => item.id === last);
  return fit[(at + 1) % fit.length];
}
