// Keep the folded help of an exercise's section folded (its hints, its ordering problem and
// "Compare after you pass"), for the exercise's "from memory" mode (web/exercise.js).
//
//   const release = holdFolded(root, note)   every <details> of root's section closes and
//                                            stays closed, saying `note` on a try; release()
//                                            lets them open again

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
  return () => {
    for (const fold of folds) {
      delete fold.dataset.heldFolded;
      fold.removeEventListener("toggle", keepShut);
    }
  };
}
