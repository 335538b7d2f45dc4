// A Python code editor (CodeMirror 6), loaded on the first Edit: Python highlighting in the
// page's own code colours (light and dark), line numbers, undo, Tab to indent (Esc then Tab
// leaves the editor), Shift+Enter or Ctrl/Cmd+Enter to run. A character nobody can see
// (a non-breaking space pasted from a web page, a zero-width space, a direction override)
// shows as a marked dot named by its code point, as Python's SyntaxError names it; a tab
// shows as a faint arrow, as Python tells it from spaces.
//
//   const editor = createEditor(parent, {doc, label, onRun, onChange, wrap});
//   (onChange(text), if given, after every change of the text; wrap: long lines wrap, so
//   that a phone shows all of a line)
//   editor.value; editor.value = "..."; editor.focus(); editor.markLine(3); editor.destroy();
//   editor.goTo(3): the cursor at the start of line 3, scrolled into view
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  HighlightStyle,
  bracketMatching,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  drawSelection,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";

const colour = (name) => ({ color: `var(--md-code-hl-${name}-color)` });

// The colours of the page's static code (Material's variables), so an edited cell looks
// like the code it replaces, in either scheme.
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword], ...colour("keyword") },
  { tag: [tags.string, tags.special(tags.string)], ...colour("string") },
  { tag: [tags.number, tags.bool, tags.null], ...colour("number") },
  { tag: tags.comment, ...colour("comment"), fontStyle: "italic" },
  {
    tag: [tags.function(tags.variableName), tags.function(tags.propertyName)],
    ...colour("function"),
  },
  { tag: [tags.className, tags.definition(tags.className)], ...colour("constant") },
  { tag: [tags.operator, tags.compareOperator, tags.arithmeticOperator], ...colour("operator") },
  { tag: [tags.punctuation, tags.paren, tags.bracket], ...colour("punctuation") },
  { tag: [tags.standard(tags.variableName), tags.self], ...colour("constant") },
]);

const theme = EditorView.theme({
  "&": {
    backgroundColor: "var(--md-code-bg-color)",
    color: "var(--md-code-fg-color)",
    fontSize: ".85em",
    borderRadius: ".1rem",
  },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)" },
  ".cm-content": {
    fontFamily: "var(--md-code-font-family)",
    caretColor: "var(--md-code-fg-color)",
    padding: ".7em 0",
  },
  ".cm-gutters": {
    backgroundColor: "var(--md-code-bg-color)",
    color: "var(--md-code-fg-color)",
    border: "none",
  },
  ".cm-mark-line": { backgroundColor: "var(--mg-error-bg)" },
  ".cm-specialChar": { color: "var(--mg-error-fg)", fontWeight: "bold" },
});

// CodeMirror's own list of characters to show (controls, zero-width and direction marks),
// and the spaces that look like a space but are not one to Python.
const unseen = highlightSpecialChars({
  addSpecialChars: /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/,
  render(code, _description, placeholder) {
    const mark = document.createElement("span");
    const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    mark.className = "cm-specialChar";
    mark.textContent = placeholder;
    mark.title = `an invisible character, ${name}`;
    mark.setAttribute("aria-label", mark.title);
    return mark;
  },
});

// Tabs, each marked with CodeMirror's own arrow (its class for highlightWhitespace, which
// would mark every space too): "inconsistent use of tabs and spaces" can then be seen.
const tabMatcher = new MatchDecorator({
  regexp: /\t/g,
  decoration: Decoration.mark({ class: "cm-highlightTab" }),
});
const tabs = ViewPlugin.define(
  (view) => ({
    decorations: tabMatcher.createDeco(view),
    update(update) {
      this.decorations = tabMatcher.updateDeco(update, this.decorations);
    },
  }),
  { decorations: (plugin) => plugin.decorations },
);

// A highlighted line (where an error points), set with markLine().
const setMark = StateEffect.define();
const marked = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (!effect.is(setMark)) continue;
      const { doc } = transaction.state;
      if (effect.value === null || effect.value > doc.lines) return Decoration.none;
      const line = doc.line(effect.value);
      return Decoration.set([Decoration.line({ class: "cm-mark-line" }).range(line.from)]);
    }
    return transaction.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createEditor(parent, { doc, label, onRun, onChange, wrap = false }) {
  const run = () => (onRun(), true);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        unseen,
        tabs,
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        python(),
        indentUnit.of("    "),
        syntaxHighlighting(highlight),
        theme,
        marked,
        wrap ? EditorView.lineWrapping : [],
        keymap.of([
          { key: "Shift-Enter", run },
          { key: "Mod-Enter", run },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        // tabindex: already focusable, but said so, for checkers that look for it in a
        // scrolling box (axe's scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    get value() {
      return view.state.doc.toString();
    },
    set value(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    markLine: (line) => view.dispatch({ effects: setMark.of(line) }),
    goTo: (line) => {
      const at = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines)).from;
      view.dispatch({
        selection: { anchor: at },
        effects: EditorView.scrollIntoView(at, { y: "center" }),
      });
    },
    destroy: () => view.destroy(),
  };
}
