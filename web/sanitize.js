// Figures come from Python as markup (a cell's _repr_html_ or printed SVG, a playground's
// parts), and the learner's code can write that markup. Before it reaches the page, what
// could run script, load from another host or reach outside the figure's box is taken out:
// scripts, styles, frames, objects, embeds, foreign objects, animations; event handlers;
// URLs other than this site's, a #fragment or an image's data: URL; positions and
// z-indexes in style attributes. The course's own figures (micrograd.plot, Graphviz, the
// playgrounds) have none of these and pass unchanged.
//
//   const { fragment, removed } = sanitize(markup);   // nodes to insert; what was taken out
//   element.replaceChildren(fragment);

const ELEMENTS = new Set([
  "script",
  "style",
  "link",
  "meta",
  "base",
  "template",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "portal",
  "foreignobject",
  "dialog",
  "animate",
  "animatemotion",
  "animatetransform",
  "set",
  "discard",
]); // prettier-ignore
const URLS = new Set([
  "href",
  "xlink:href",
  "src",
  "action",
  "formaction",
  "data",
  "poster",
  "background",
  "ping",
  "codebase",
  "cite",
  "longdesc",
  "usemap",
  "lowsrc",
  "dynsrc",
]); // prettier-ignore
const ATTRIBUTES = new Set(["srcset", "srcdoc", "autofocus", "popover", "popovertarget"]);
const PROPERTIES = new Set(["position", "z-index", "behavior", "-moz-binding"]);

/** Whether `value` of a URL attribute stays in the figure or on this site. */
function safeURL(value, image) {
  const text = value.trim();
  if (text.startsWith("#")) return true;
  if (/^data:/i.test(text)) return image && /^data:image\/(png|gif|jpeg|webp);/i.test(text);
  try {
    const url = new URL(text, document.baseURI);
    return url.origin === location.origin && /^https?:$/.test(url.protocol);
  } catch {
    return false;
  }
}

/** A style attribute's declarations without those that reach outside the figure. */
function safeStyle(text) {
  const kept = text.split(";").filter((declaration) => {
    const [property, ...rest] = declaration.split(":");
    const value = rest.join(":").toLowerCase();
    if (PROPERTIES.has(property.trim().toLowerCase())) return false;
    if (/expression\s*\(|javascript:/.test(value)) return false;
    return [...value.matchAll(/url\s*\(\s*['"]?([^'")]*)/g)].every(([, u]) => u.startsWith("#"));
  });
  return kept.join(";");
}

function cleanAttributes(element, removed) {
  const image = element.localName === "img" || element.localName === "image";
  for (const { name, value } of [...element.attributes]) {
    const lower = name.toLowerCase();
    let ok = !lower.startsWith("on") && !ATTRIBUTES.has(lower);
    if (ok && URLS.has(lower)) ok = safeURL(value, image);
    if (ok && lower === "style") {
      const style = safeStyle(value);
      if (style === value) continue;
      element.setAttribute(name, style);
      removed.push(`${element.localName} ${name}`);
      continue;
    }
    if (ok) continue;
    element.removeAttribute(name);
    removed.push(`${element.localName} ${name}`);
  }
}

/** `markup` parsed (inert: nothing runs or loads) and cleaned. */
export function sanitize(markup) {
  const template = document.createElement("template");
  template.innerHTML = markup;
  const removed = [];
  const doomed = [];
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_ELEMENT, {
    acceptNode(node) {
      if (!ELEMENTS.has(node.localName.toLowerCase())) return NodeFilter.FILTER_ACCEPT;
      doomed.push(node);
      return NodeFilter.FILTER_REJECT; // and all it holds
    },
  });
  while (walker.nextNode()) cleanAttributes(walker.currentNode, removed);
  for (const node of doomed) {
    removed.push(node.localName);
    node.remove();
  }
  return { fragment: template.content, removed };
}
