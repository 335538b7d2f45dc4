// Run in the head, before the body exists: two changes the theme's script would otherwise make as
// it starts, each of which makes the browser restyle the whole page (30-45 ms each for a long
// lesson on a phone-speed CPU).
// - The root's class: `js` in place of `no-js`.
// - Absolute addresses for the head's links. Instant navigation rewrites every relative `href`
//   as absolute; rewriting a stylesheet's makes the browser apply that stylesheet again. Done
//   here, nothing is styled yet, and the theme leaves absolute addresses alone.
document.documentElement.classList.replace("no-js", "js");
for (const link of document.head.querySelectorAll("link[href]")) link.href = link.href;
