// The few DOM helpers the page's modules share.
//
//   element("p", "mg-status", "Ready")          <p class="mg-status">Ready</p>
//   button("Run", "Run cell 2", () => run())   a type="button" with an aria-label
//                                              (null: its text is its name)
//   link("value.py", "/downloads/value.py")    <a href=…>value.py</a>

export function element(tag, className = "", text = "") {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text) made.textContent = text;
  return made;
}

export function button(text, label, onClick) {
  const made = element("button", "mg-button", text);
  made.type = "button";
  if (label) made.setAttribute("aria-label", label);
  made.addEventListener("click", onClick);
  return made;
}

export function link(text, href) {
  const made = element("a", "", text);
  made.href = href;
  return made;
}
