// Page features. An element with data-course="NAME" makes its page load features[NAME]: a
// module whose mount(elements, course) sets up every such element of the page. Each module
// is its own bundle chunk, loaded only by the pages that use it.
// A new feature is one module here and one line below. Once set up, an element carries
// data-course-mounted.
const features = {
  cell: () => import("./cells.js"),
  exercise: () => import("./exercise.js"),
  pitfall: () => import("./pitfalls.js"),
  progress: () => import("./progress.js"),
  playground: () => import("./playground.js"),
  "self-check": () => import("./self-check.js"),
  gate: () => import("./gates.js"),
  reviews: () => import("./review-list.js"),
  "progress-file": () => import("./progress-file-panel.js"),
  "own-words": () => import("./own-words.js"),
};

// A feature's chunk that cannot be loaded (a tab left open while the site was updated: the
// chunk's name has changed) is said on each of its elements.
const RELOAD =
  "This part of the page could not be loaded: the site has changed since the page was " +
  "opened. Reload the page to use it.";

function unavailable(elements) {
  for (const element of elements) {
    const note = document.createElement("p");
    note.className = "mg-note mg-error";
    note.setAttribute("role", "alert");
    note.textContent = RELOAD;
    element.prepend(note);
    element.dataset.courseFailed = "";
  }
}

export async function mountFeatures(root, course) {
  const todo = new Map();
  for (const element of root.querySelectorAll("[data-course]:not([data-course-mounted])")) {
    const name = element.dataset.course;
    if (!features[name]) throw new Error(`unknown page feature data-course="${name}"`);
    todo.set(name, [...(todo.get(name) ?? []), element]);
  }
  for (const [name, elements] of todo) {
    const feature = await features[name]().catch((error) => {
      unavailable(elements);
      console.warn(`the ${name} feature could not be loaded:`, error);
    });
    feature?.mount(elements, course);
    for (const element of elements) element.dataset.courseMounted = "";
  }
}
