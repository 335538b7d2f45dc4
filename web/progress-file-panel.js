// The progress file on the progress page (data-course="progress-file"): Download it, or
// Import one (web/progress-file.js), with what happened said in words.
import { button, element } from "./dom.js";
import { exportText, importText } from "./progress-file.js";
import { today } from "./memory.js";

function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const anchor = Object.assign(element("a"), { href: url, download: name });
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function panel(root) {
  const status = element("p", "mg-status");
  status.setAttribute("role", "status");
  const save = button("Download your progress file", null, () => {
    download(exportText(), `micrograd-course-progress-${today()}.json`);
    status.textContent = "Downloaded: import it on the progress page of another browser.";
  });
  const picker = Object.assign(element("input"), {
    type: "file",
    accept: ".json,application/json",
  });
  picker.hidden = true; // the Import button opens it
  const load = button("Import a progress file", null, () => picker.click());
  picker.addEventListener("change", async () => {
    const file = picker.files[0];
    picker.value = "";
    if (!file) return;
    const { ok, error, warning } = importText(await file.text());
    status.classList.toggle("mg-error", !ok);
    status.textContent = ok
      ? `Imported ${file.name}: everything it holds is now kept here. ${warning ?? ""}`.trim()
      : `${error} Nothing kept here has changed.`;
  });
  const bar = element("div", "mg-toolbar");
  bar.append(save, load, picker);
  root.replaceChildren(bar, status);
}

export function mount(elements) {
  for (const root of elements) panel(root);
}
