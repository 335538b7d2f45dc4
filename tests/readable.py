"""What the accessibility checks run in a page, for tests/test_accessibility.py (every
page) and the tests of each page feature (its new parts): axe-core, pinned in
package.json, and the 320-pixel check."""

from pathlib import Path

AXE = (
    Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
)
FAILING_IMPACTS = {"serious", "critical"}
# In the dark scheme only colours change: there, the rules about colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
SETTLE = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

# axe's findings as one line per element: "rule (impact): selector: what is wrong".
RUN_AXE = """async (rules) => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = {type: "rule", values: rules};
  const {violations} = await axe.run(document, options);
  return violations.flatMap((v) => v.nodes.map((n) =>
    ({rule: v.id, impact: n.impact || v.impact, target: n.target.join(" "),
      summary: (n.failureSummary || v.help).replace(/\\s+/g, " ")})));
}"""

# What reaches past the right edge of the page, outermost elements only. An element inside
# a box that scrolls (or clips) sideways does not count, nor does anything fixed on screen
# (the theme's off-canvas drawer).
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const contained = (el) => {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.position === "fixed") return true;
      if (e !== el && e !== document.body && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].map((c) => "." + c).join("");
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    if (contained(el) || wide.some((w) => w.el.contains(el))) continue;
    const text = el.textContent.trim().replace(/\\s+/g, " ").slice(0, 50);
    wide.push({el, line: `${name(el)} reaches ${Math.round(box.right)} px: "${text}"`});
  }
  return wide.map((w) => w.line);
}"""
