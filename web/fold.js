// Keep an exercise's help out of sight, for its "from memory" mode (web/exercise.js): the
// folded help of its section (its hints, its ordering problem and "Compare after you pass")
// closed, and the lesson's worked code on the page (its code blocks outside the course's
// features) put away, each with a line that says why.
//
//   const release = holdFolded(root, note)   every <details> of root's section closes and
//                                            stays closed, saying `note` on a try; the
//                                            worked code hides; release() undoes both

const PUT_AWAY = "Worked code put away: From memory is on. Untick it to see the code.";

/** The <details> between the heading above `root` and the next heading of its level. */
function sectionFolds(root) {
  let heading = root;
  while (heading && !/^H[23]$/.test(heading.tagName))
    heading = heading.previousElementSibling ?? heading.parentElement;
  if (!heading) return [];
  const found = [];
  for (
    let at = heading.nextElementSibling;
    at && !(at.tagName <= heading.tagName && /^H[23]$/.test(at.tagName));
    at = at.nextElementSibling
  ) {
    if (at.matches("details")) found.push(at);
    found.push(...at.querySelectorAll("details"));
  }
  return found;
}

/** The lesson's worked code: the page's code blocks that are no part of a course feature. */
function workedCode(root) {
  const page = root.closest("article") ?? document.body;
  return [...page.querySelectorAll("div.highlight")].filter(
    (block) => !block.closest("[data-course]"),
  );
}

function putAway(blocks) {
  const lines = blocks.map((block) => {
    const line = document.createElement("p");
    line.className = "mg-put-away";
    line.textContent = PUT_AWAY;
    block.before(line);
    block.hidden = true;
    return line;
  });
  return () => {
    for (const line of lines) line.remove();
    for (const block of blocks) block.hidden = false;
  };
}

export function holdFolded(root, note) {
  const folds = sectionFolds(root);
  const keepShut = (event) => {
    const fold = event.target;
    if (!fold.open) return;
    fold.open = false;
    note();
  };
  for (const fold of folds) {
    fold.open = false;
    fold.dataset.heldFolded = "";
    fold.addEventListener("toggle", keepShut);
  }
  const bringBack = putAway(workedCode(root));
  return () => {
    for (const fold of folds) {
      delete fold.dataset.heldFolded;
      fold.removeEventListener("toggle", keepShut);
    }
    bringBack();
  };
}
