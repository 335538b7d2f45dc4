// The reader's history of mistakes, summed up by concept, in the words of the command
// line's tutor prompt (micrograd/check/history.py: summary, phrase): the exercise's "watch
// out" list, the progress page and the pitfall marks all say it this way.
//
//   summary([{concept, exercise, date}, ...])
//     -> [{concept, count, exercises, last, latest}], the most named first, then in the
//        order first named (latest: the index of its newest entry)
//   phrase(item)            "twice, in the value and train exercises, last on 2025-03-04"
//   exercisesPhrase(names)  "the value exercise", "the value and train exercises"

/** One pass over the history. */
export function summary(history) {
  const items = new Map();
  history.forEach((entry, index) => {
    let item = items.get(entry.concept);
    if (!item) {
      item = { concept: entry.concept, count: 0, exercises: new Set(), last: entry.date };
      items.set(entry.concept, item);
    }
    item.count += 1;
    item.exercises.add(entry.exercise);
    if (entry.date > item.last) item.last = entry.date;
    item.latest = index;
  });
  const ordered = [...items.values()].sort((a, b) => b.count - a.count); // stable
  return ordered.map((item) => ({ ...item, exercises: [...item.exercises] }));
}

export const times = (n) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

export function exercisesPhrase(names) {
  if (names.length < 2) return `the ${names[0]} exercise`;
  return `the ${names.slice(0, -1).join(", ")} and ${names.at(-1)} exercises`;
}

export function phrase(item) {
  return `${times(item.count)}, in ${exercisesPhrase(item.exercises)}, last on ${item.last}`;
}
