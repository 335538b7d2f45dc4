// Where the reader is on the site: the page's path from the site's root, the same in every
// deployment ("02-value/self-check/"). The theme sets __md_scope to the root's address.

export function sitePath() {
  const root = globalThis.__md_scope ? new URL(globalThis.__md_scope).pathname : "/";
  const path = decodeURI(location.pathname);
  return path.startsWith(root) ? path.slice(root.length) : path.replace(/^\//, "");
}

/** The site's root, relative to this page: "" on the home page, "../../" on
 * 02-value/self-check/ (what a link to another page of the site starts with). */
export function siteRoot() {
  return "../".repeat(sitePath().split("/").filter(Boolean).length);
}
