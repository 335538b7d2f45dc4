// The header's colour-scheme switch, run at the end of the body, before the theme's script. It
// does the work of the theme's palette component, which is not mounted: that component restyles
// the whole page two or three times as the page starts, most of what kept a phone busy on a long
// lesson. Run here rather than in the header, it also lets the browser paint the page first.
(() => {
  const form = document.querySelector("[data-scheme-switch]");
  const header = form.closest("header");
  const options = [...form.querySelectorAll("input")];
  const preferred = () =>
    Math.max(
      0,
      options.findIndex((option) => matchMedia(option.dataset.mdColorMedia).matches),
    );
  const meta = (name) =>
    document.head.querySelector(`meta[name="${name}"]`) ??
    document.head.appendChild(Object.assign(document.createElement("meta"), { name }));
  const hex = (rgb) =>
    "#" +
    rgb
      .match(/\d+/g)
      .slice(0, 3)
      .map((c) => (+c).toString(16).padStart(2, "0"))
      .join("");

  const afterNextFrame = (then) => requestAnimationFrame(() => requestAnimationFrame(then));

  // Shows option `index`'s scheme: colours change at once, with no transition.
  function show(index) {
    const { mdColorMedia: media, mdColorScheme: scheme } = options[index].dataset;
    const { mdColorPrimary: primary, mdColorAccent: accent } = options[index].dataset;
    const color = { media, scheme, primary, accent };
    const changes = Object.entries(color).filter(
      ([key, value]) => document.body.getAttribute(`data-md-color-${key}`) !== value,
    );
    const recolour = changes.some(([key]) => key !== "media"); // media is not a colour
    if (recolour) document.body.setAttribute("data-md-color-switching", "");
    for (const [key, value] of changes) document.body.setAttribute(`data-md-color-${key}`, value);
    options.forEach((option, i) => {
      option.checked = i === index;
      const label = option.nextElementSibling; // the button that switches to the next scheme
      if (label?.tagName === "LABEL") label.hidden = i !== index;
    });
    const style = getComputedStyle(header);
    meta("color-scheme").content = style.colorScheme;
    meta("theme-color").content = hex(style.backgroundColor);
    if (recolour) afterNextFrame(() => document.body.removeAttribute("data-md-color-switching"));
    return color;
  }

  // The reader's choice, as the theme keeps it; anything else (damaged, from another
  // version, storage turned off) counts as no choice.
  const chosen = () => {
    try {
      const index = __md_get("__palette")?.index;
      return Number.isInteger(index) && index >= 0 && index < options.length ? index : null;
    } catch {
      return null;
    }
  };
  show(chosen() ?? preferred());
  form.addEventListener("change", (event) => {
    const index = options.indexOf(event.target);
    __md_set("__palette", { index, color: show(index) }); // never throws
  });
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const next = options[(options.findIndex((option) => option.checked) + 1) % options.length];
    next.click();
    next.focus();
  });
  // Until the reader picks a scheme, the page follows the system's.
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", () => {
    if (chosen() === null) show(preferred());
  });
})();
