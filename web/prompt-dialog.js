// The tutor prompt, shown in a modal dialog to read before copying it: a read-only text
// box (it scrolls, and takes focus), Copy and Close. Esc closes it too.
//
//   const dialog = promptDialog(parent, "value.py");
//   dialog.show(text);          // opens it, focus on Copy
//   dialog.loading(message);    // opens it while the prompt is being written

import { button } from "./dom.js";

let count = 0;

async function copy(text, box) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    box.select(); // the browser refused the clipboard API: the older way
    return document.execCommand("copy");
  }
}

export function promptDialog(parent, file) {
  const id = `mg-prompt-title-${++count}`;
  const dialog = document.createElement("dialog");
  dialog.className = "mg-dialog";
  dialog.setAttribute("aria-labelledby", id);
  const title = document.createElement("h2");
  title.id = id;
  title.textContent = `A tutor prompt for your ${file}`;
  const about = document.createElement("p");
  about.textContent =
    "Paste it into the AI assistant you use. It holds the rules of a good tutor, this " +
    "exercise, your code, the checker's report, the hints you have opened and the mistakes " +
    "the checker named in your earlier work. Nothing has been sent anywhere: it leaves this " +
    "page only if you paste it.";
  const box = document.createElement("textarea");
  box.readOnly = true;
  box.rows = 14;
  box.setAttribute("aria-label", "The tutor prompt");
  const status = document.createElement("span");
  status.className = "mg-status";
  status.setAttribute("role", "status");
  const copyButton = button("Copy to the clipboard", null, async () => {
    const copied = await copy(box.value, box);
    status.textContent = copied
      ? "Copied: paste it into your assistant."
      : "The browser did not allow copying: the text is selected, press Ctrl+C (⌘C).";
  });
  const bar = document.createElement("div");
  bar.className = "mg-toolbar";
  bar.append(
    copyButton,
    button("Close", null, () => dialog.close()),
    status,
  );
  dialog.append(title, about, box, bar);
  parent.append(dialog);

  const open = () => dialog.open || dialog.showModal();
  return {
    loading(message) {
      box.value = "";
      copyButton.disabled = true;
      status.textContent = message;
      open();
    },
    show(text) {
      box.value = text;
      box.scrollTop = 0;
      copyButton.disabled = false;
      status.textContent = "";
      open();
      copyButton.focus();
    },
    fail(message) {
      status.textContent = message;
    },
    element: dialog,
  };
}
