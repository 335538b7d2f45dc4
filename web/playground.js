// Playgrounds: controls on a lesson that redraw a figure with the micrograd package, run by
// the page's Python (not re-implemented here).
//
// Markup (hooks/playgrounds.py writes it from web/python/course_playgrounds/): a section
// data-course="playground" data-playground=NAME holding a <form> of labelled controls
// (sliders with an <output> beside them, radio buttons, and buttons data-move="back",
// "next", "start" or "play" that move the slider whose id is their data-for), a status
// line, and the parts drawn at build time, each [data-part] (readout, figure, table).
//
// A move calls course_playgrounds.render(name=NAME, values=...) in the page's Python and
// swaps in the parts it returns (sanitised, as every figure). Moves made while Python works
// are gathered: only the latest values are drawn. Python starts on the first move, never on
// page load, and the status line shows its progress. After each redraw the section gets a
// "playground:drawn" event, detail {milliseconds, python} (from asking Python to the new
// parts in place; the part of it spent in Python), and data-draws counts the redraws.
import { watchLoading } from "./loading.js";
import { sanitize } from "./sanitize.js";

const RENDER = "course_playgrounds.render";
const PLAY_PAUSE = 60; // ms between the frames of Play, so that each can be seen
const DRAWN = "Drawn by micrograd, in this page.";

// What each button's data-move does to its slider (Buttons in course_playgrounds/controls.py
// writes them): the one place the moves are defined. "play" steps on to the end.
const MOVES = {
  back: (slider) => slider.stepDown(),
  next: (slider) => slider.stepUp(),
  start: (slider) => (slider.value = slider.min),
  play: null,
};

const sameValues = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function shownValue(input, output) {
  const digits = Number(output.dataset.digits ?? 2);
  output.textContent = Number(input.value).toFixed(digits).replace("-", "\u2212");
}

class Playground {
  constructor(element, course) {
    this.element = element;
    this.course = course;
    this.name = element.dataset.playground;
    this.form = element.querySelector("form");
    this.status = element.querySelector(".mg-pg-status");
    this.drawn = this.values(); // what the parts on the page show
    this.wanted = this.drawn;
    this.draws = 0;
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("input", (event) => {
      if (event.isTrusted) this.stopPlaying();
      this.update();
    });
    for (const button of this.form.querySelectorAll("button[data-move]")) {
      if (!(button.dataset.move in MOVES)) {
        this.say(`This playground has a button that moves nothing: "${button.dataset.move}"`, true);
        button.disabled = true;
      }
      button.addEventListener("click", () => this.move(button));
    }
  }

  values() {
    return Object.fromEntries(new FormData(this.form));
  }

  /** The controls changed: show their values, and draw them once Python is free. */
  update() {
    for (const output of this.form.querySelectorAll("output")) {
      shownValue(this.form.querySelector(`#${output.htmlFor.value}`), output);
    }
    this.wanted = this.values();
    if (!this.working) this.work = this.drawWanted();
  }

  async drawWanted() {
    this.working = true;
    this.element.classList.add("mg-pg-busy");
    const stopWatching = watchLoading(this.course.session, (text) => this.say(text));
    try {
      while (!sameValues(this.wanted, this.drawn) && this.element.isConnected) {
        await this.drawOnce(this.wanted);
      }
    } catch (error) {
      this.drawn = null; // the next move draws again
      const { StoppedError, CrashedError } = this.course;
      const restarted = error instanceof StoppedError;
      this.say(
        restarted
          ? `${error.message}: move a control to draw again.`
          : `The playground could not draw: ${error.message ?? error}`,
        !restarted || error instanceof CrashedError,
      );
    } finally {
      stopWatching();
      this.working = false;
      this.element.classList.remove("mg-pg-busy");
    }
  }

  async drawOnce(values) {
    const began = performance.now();
    const parts = await this.course.call(RENDER, { name: this.name, values });
    const python = performance.now() - began;
    if (parts.pending) return this.say(parts.pending);
    this.show(parts);
    this.drawn = values;
    this.say(DRAWN);
    this.draws += 1;
    this.element.dataset.draws = String(this.draws);
    const detail = { milliseconds: performance.now() - began, python };
    this.element.dispatchEvent(new CustomEvent("playground:drawn", { detail }));
  }

  /** Swap in the parts Python drew; keyboard focus inside a part stays in that part. */
  show(parts) {
    for (const [name, markup] of Object.entries(parts)) {
      const part = this.element.querySelector(`[data-part="${name}"]`);
      if (!part) continue;
      const focused = part.contains(document.activeElement);
      part.replaceChildren(sanitize(markup).fragment);
      if (focused) part.querySelector("[tabindex]")?.focus();
    }
  }

  /** Show `text` on the status line (a screen reader reads it when it changes). */
  say(text, error = false) {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.classList.toggle("mg-error", error);
  }

  /** A button of the form: one step back or on, back to the start, or play. */
  move(button) {
    const slider = this.element.querySelector(`#${button.dataset.for}`);
    const move = MOVES[button.dataset.move];
    if (move === null) return this.playing ? this.stopPlaying() : this.play(slider, button);
    this.stopPlaying();
    const was = slider.value;
    move(slider);
    if (slider.value !== was) slider.dispatchEvent(new Event("input", { bubbles: true }));
  }

  /** Step the slider on, one drawn step at a time, to its end. */
  async play(slider, button) {
    this.playing = button;
    button.setAttribute("aria-pressed", "true");
    button.textContent = "Pause";
    if (Number(slider.value) >= Number(slider.max)) slider.value = slider.min;
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    while (this.playing === button && this.element.isConnected) {
      await this.work;
      if (this.playing !== button || !sameValues(this.wanted, this.drawn)) break;
      if (Number(slider.value) >= Number(slider.max)) break;
      await pause(PLAY_PAUSE);
      if (this.playing !== button) break;
      slider.stepUp();
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (this.playing === button) this.stopPlaying();
  }

  stopPlaying() {
    const button = this.playing;
    if (!button) return;
    this.playing = null;
    button.setAttribute("aria-pressed", "false");
    button.textContent = "Play";
  }
}

export function mount(elements, course) {
  for (const element of elements) new Playground(element, course);
}
