// The cause of a diagnosis challenge, chosen with a labelled radio group above its editor.
// The choice is a line of the reader's file, CAUSE = "<id>", exactly what the command line
// checks: choosing writes that line, and editing the line moves the choice.
//
//   const choice = causeChoice({causes, file, read, write});
//   (causes: [{id, title}]; read() gives the file's text, write(text) replaces it)
//   choice.element (a <fieldset>, to place), choice.follow(text) after the text changes
import { element } from "./dom.js";

const LINE = /^CAUSE\s*=\s*(["'])(.*?)\1[^\n]*$/m;

/** The cause `text` names on its CAUSE line ("" when none, or no such line). */
export function namedCause(text) {
  return text.match(LINE)?.[2] ?? "";
}

/** `text` with its CAUSE line naming `id` (the line added at the top when missing). */
export function withCause(text, id) {
  const line = `CAUSE = "${id}"`;
  if (!LINE.test(text)) return `${line}\n${text}`;
  return text.replace(LINE, (found) => found.replace(/(["']).*?\1/, `"${id}"`));
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
