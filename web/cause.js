// The cause of a diagnosis challenge, chosen with a labelled radio group above its editor.
// The choice is a line of the reader's file, CAUSE = "<id>", exactly what the command line
// checks: choosing writes that line, and editing the line moves the choice. With two CAUSE
// lines, the last is the one, as for Python. tests/test_challenges.py holds both ways to
// CPython's ast.
//
//   const choice = causeChoice({causes, file, read, write});
//   (causes: [{id, title}]; read() gives the file's text, write(text) replaces it)
//   choice.element (a <fieldset>, to place), choice.follow(text) after the text changes
import { element } from "./dom.js";
import { statements } from "./python-source.js";

const SETS = /^CAUSE\s*=(?!=)/; // a statement that sets CAUSE (its strings' text left out)
// A statement that sets it to a string, in parentheses or not; the string's text is $3.
const NAMES = /^(CAUSE\s*=\s*\(?\s*[rRuU]?)("""|'''|"|')([\s\S]*?)\2/;

/** The last statement at the top of `text` that sets CAUSE: the one whose value Python
 * reads once the file has run (a CAUSE line in a string, a comment or a block is not one).
 * {lines: the text's, at: its first line (-1: none), count: its lines, code: its text}. */
function causeStatement(text) {
  const lines = text.split("\n");
  const found = statements(text)
    .filter(({ lead, code }) => lead === "" && SETS.test(code))
    .at(-1);
  if (!found) return { lines, at: -1, count: 0, code: "" };
  const code = lines.slice(found.first, found.last + 1).join("\n");
  return { lines, at: found.first, count: found.last - found.first + 1, code };
}

/** The cause `text` names on its CAUSE line ("" when none, or no such line). */
export function namedCause(text) {
  return causeStatement(text).code.match(NAMES)?.[3] ?? "";
}

/** `text` with its CAUSE line naming `id` (the line added at the top when missing). */
export function withCause(text, id) {
  const line = `CAUSE = "${id}"`;
  const { lines, at, count, code } = causeStatement(text);
  if (at < 0) return `${line}\n${text}`;
  lines.splice(at, count, NAMES.test(code) ? code.replace(NAMES, `$1"${id}"`) : line);
  return lines.join("\n");
}

let made = 0; // radio groups on the page, for unique names

export function causeChoice({ causes, file, read, write }) {
  const name = `mg-cause-${++made}`;
  const fieldset = element("fieldset", "mg-cause");
  const legend = element("legend", "", `(a) The cause: it sets the CAUSE line of ${file}`);
  fieldset.append(legend);
  const radios = causes.map(({ id, title }) => {
    const label = element("label", "mg-cause-option");
    const radio = element("input");
    radio.type = "radio";
    radio.name = name;
    radio.value = id;
    radio.addEventListener("change", () => radio.checked && write(withCause(read(), id)));
    const code = element("code", "", id);
    label.append(radio, " ", code, ` ${title}`);
    fieldset.append(label);
    return radio;
  });
  const follow = (text) => {
    const id = namedCause(text);
    for (const radio of radios) radio.checked = radio.value === id;
  };
  follow(read());
  return { element: fieldset, follow };
}
