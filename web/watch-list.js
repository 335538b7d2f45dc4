// An exercise's "watch out" list: the mistakes the checker named in the reader's earlier
// work that can happen in this exercise too, the most recent first. Three show; the rest
// (two or more) are folded under "And N more", so the list never pushes the editor a
// screen down.
//
//   fillWatchList(aside, history, watch)   watch: Map concept -> {title, lesson}
//     -> true if there is anything to watch for (the aside is filled), else false
import { element, link } from "./dom.js";
import { phrase, summary } from "./summary.js";

const SHOWN = 3;

function item({ title, lesson }, said) {
  const li = element("li");
  li.append(link(title, lesson), `: ${said}.`);
  return li;
}

export function fillWatchList(aside, history, watch) {
  const met = summary(history)
    .filter((entry) => watch.has(entry.concept))
    .sort((a, b) => b.latest - a.latest);
  if (!met.length) return false;
  const items = met.map((entry) => item(watch.get(entry.concept), phrase(entry)));
  const shown = items.length > SHOWN + 1 ? SHOWN : items.length;
  const list = element("ul");
  list.append(...items.slice(0, shown));
  const intro = element("p", "mg-watch-title", "Watch out");
  const why = element(
    "p",
    "",
    "The checker named these in your earlier work; they can happen here too:",
  );
  aside.replaceChildren(intro, why, list);
  if (shown < items.length) {
    const more = element("details", "mg-watch-more");
    more.append(element("summary", "", `And ${items.length - shown} more`), element("ul"));
    more.lastChild.append(...items.slice(shown));
    aside.append(more);
  }
  return true;
}
