// A code box swapped for a CodeMirror editor (web/editor.js), loaded on first use so that
// only the pages where someone edits pay for it.
//
//   const editor = await editorInPlaceOf(box, status, {doc, label, onRun, onChange}, "mg-editor");
//
// The editor goes right after `box`, which is hidden. If the editor cannot be loaded, `status`
// says why, the box stays, and the result is null.
import { element } from "./dom.js";

export async function editorInPlaceOf(box, status, options, className) {
  let createEditor;
  try {
    ({ createEditor } = await import("./editor.js"));
  } catch (error) {
    status.textContent = `The editor could not be loaded: ${error.message}`;
    return null;
  }
  const host = element("div", className);
  box.after(host);
  box.hidden = true;
  return createEditor(host, options);
}
