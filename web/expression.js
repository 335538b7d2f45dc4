// A derivative typed in a review, read as the arithmetic it says: numbers, the names the
// question gives, + - * / ** (or ^) and brackets, with Python's precedence. Two answers are
// the same when they have the same value wherever the names are put to the test, so that
// "1 - o**2", "(1 - o)*(1 + o)" and "-o^2 + 1" are all right (web/review-task.js).
//
//   compare(typed, answer, names) -> {same, error}: error says why `typed` cannot be read
//
// tests/test_reviews.py holds the verdicts to CPython's, on right and wrong answers.

const TOKEN =
  /\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_]\w*)|(\*\*|[-+*/^()]))/y;
// Where the names are put to the test: each point gives each name another of these.
const VALUES = [0.3719, 1.2843, -0.7411, 2.1937, -1.6529, 0.8867];

function tokens(text) {
  const found = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (!text.slice(at).trim()) break;
      throw new Error(`"${text.slice(at).trim()[0]}" is not part of the arithmetic here`);
    }
    const [, number, name, sign] = match;
    found.push(
      number ? { number: Number(number) } : name ? { name } : { sign: sign === "^" ? "**" : sign },
    );
  }
  return found;
}

/** `text` as a function of the names' values ({name: number} -> number); throws an Error
 * that says what could not be read. */
function read(text, names) {
  const list = tokens(text);
  let at = 0;
  const take = (sign) => list[at]?.sign === sign && ++at;
  const binary = (next, signs, apply) => () => {
    let left = next();
    for (let sign = signs.find(take); sign; sign = signs.find(take)) {
      const [a, b] = [left, next()];
      left = (v) => apply(sign, a(v), b(v));
    }
    return left;
  };
  const atom = () => {
    const token = list[at++];
    if (token?.number !== undefined) return () => token.number;
    if (token?.name !== undefined) {
      if (!names.includes(token.name)) {
        const given = names.length ? `the names are ${names.join(", ")}` : "the answer is a number";
        throw new Error(`${token.name} is not a name here (${given})`);
      }
      return (v) => v[token.name];
    }
    if (token?.sign === "(") {
      const inner = sum();
      if (!take(")")) throw new Error("a bracket is not closed");
      return inner;
    }
    throw new Error(token ? `"${token.sign}" is out of place` : "it ends too soon");
  };
  const power = () => {
    const base = atom();
    if (!take("**")) return base;
    const exponent = unary();
    return (v) => base(v) ** exponent(v);
  };
  const unary = () => {
    if (take("-")) {
      const operand = unary();
      return (v) => -operand(v);
    }
    return take("+") ? unary() : power();
  };
  const product = binary(unary, ["*", "/"], (sign, a, b) => (sign === "*" ? a * b : a / b));
  const sum = binary(product, ["+", "-"], (sign, a, b) => (sign === "+" ? a + b : a - b));
  const whole = sum();
  const extra = list[at];
  if (extra?.sign) throw new Error(`"${extra.sign}" is out of place`);
  if (extra)
    throw new Error(`"${extra.name ?? extra.number}" is out of place (write * to multiply)`);
  return whole;
}

/** Does `typed` say what `answer` says, as arithmetic of `names`? {same, error}: `error` says
 * why `typed` cannot be read ("" when it can; `same` is then false). */
export function compare(typed, answer, names) {
  let given;
  try {
    given = read(typed, names);
  } catch (error) {
    return { same: false, error: error.message };
  }
  const right = read(answer, names);
  const same = VALUES.every((_, k) => {
    const at = (name, j) => [name, VALUES[(k + 2 * j) % VALUES.length]];
    const values = Object.fromEntries(names.map(at));
    const [a, b] = [given(values), right(values)];
    return Number.isFinite(a) && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  });
  return { same, error: "" };
}
