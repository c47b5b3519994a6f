/* ResNet Atlas: the verdict policy in the browser (tools/policy.py is the engine's). The rules (hedge words,
 * scale words, unit words, separators and half-widths) are data, generated from tools/policy.py into
 * policy-rules.js; this file only applies them, step for step as tools/policy.py does, with exact decimals
 * (BigInt), so that a figure gets the same grade here as in `make generate` (tests/test_finder.py compares
 * the two on thousands of generated figures).
 */
(function (root) {
  "use strict";
  var RULES = root.ATLAS_POLICY;

  // --- exact decimals: {m: BigInt, e: Number} is m × 10^e ------------------------------------------
  function dec(text) {
    var match = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/.exec(String(text));
    if (!match) throw new Error("not a decimal: " + text);
    var digits = ((match[2] || "") + (match[3] || "")).replace(/^0+(?=[0-9])/, "") || "0";
    return { m: BigInt((match[1] === "-" ? "-" : "") + digits), e: parseInt(match[4] || "0", 10) - (match[3] || "").length };
  }
  function align(a, b) {
    var e = Math.min(a.e, b.e);
    return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
  }
  function plus(a, b) { var x = align(a, b); return { m: x[0] + x[1], e: x[2] }; }
  function minus(a, b) { var x = align(a, b); return { m: x[0] - x[1], e: x[2] }; }
  function times(a, b) { return { m: a.m * b.m, e: a.e + b.e }; }
  function compare(a, b) { var x = align(a, b); return x[0] < x[1] ? -1 : x[0] > x[1] ? 1 : 0; }
  function pow10(n) { return { m: 1n, e: n }; }

  var PLAIN = dec(RULES.half_width.plain), HEDGED = dec(RULES.half_width.hedged), CLOSE = dec(RULES.close_beyond);
  function all(table) { var out = []; for (var key in table) out = out.concat(table[key]); return out; }
  function longestFirst(words) { return words.slice().sort(function (a, b) { return b.length - a.length; }); }
  var HEDGES = longestFirst(all(RULES.hedges)), HEDGES_AFTER = all(RULES.hedges_after);
  var UNIT_WORDS = [];
  for (var unit in RULES.units) RULES.units[unit].forEach(function (word) { UNIT_WORDS.push([word, unit]); });
  UNIT_WORDS.sort(function (a, b) { return b[0].length - a[0].length; });
  function escape(word) { return word.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"); }
  var SCALE = longestFirst(Object.keys(RULES.scales)).map(escape).join("|");
  var NUMBER = new RegExp("([-\u2212]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?|\\.[0-9]+))[ ]*(" + SCALE + ")?(?![0-9A-Za-z_.])", "y");
  var SEPARATOR = new RegExp("[ ]*(?:" + RULES.alternatives.map(escape).join("|") + ")[ ]*", "y");
  var LETTER = /\p{L}/u;

  function isLetter(character) { return !!character && LETTER.test(character); }

  function stripHedge(written) {
    var rest = written.trim();
    for (var i = 0; i < HEDGES.length; i++) {
      var word = HEDGES[i];
      if (rest.slice(0, word.length).toLowerCase() === word.toLowerCase()
          && (!isLetter(word[word.length - 1]) || !isLetter(rest.charAt(word.length)))) {
        return [rest.slice(word.length).trim(), true];
      }
    }
    return [rest, false];
  }

  function stripAfter(rest) {
    var unit = null, hedged = false;
    for (var i = 0; i < UNIT_WORDS.length; i++) {
      var word = UNIT_WORDS[i][0];
      if (rest.length > word.length && rest.slice(-word.length) === word) {
        unit = UNIT_WORDS[i][1];
        rest = rest.slice(0, -word.length).trim();
        break;
      }
    }
    for (var j = 0; j < HEDGES_AFTER.length; j++) {
      var after = HEDGES_AFTER[j];
      if (rest.slice(-after.length) === after) { rest = rest.slice(0, -after.length).trim(); hedged = true; break; }
    }
    return [rest, unit, hedged];
  }

  function number(digits, scale) {
    var plain = digits.replace(/,/g, "").replace("\u2212", "-");
    var factor = scale ? dec(String(RULES.scales[scale])) : dec("1");
    var step;
    if (plain.indexOf(".") !== -1) {
      step = pow10(-plain.split(".")[1].length);
    } else if (scale) {
      var whole = plain.replace(/^-/, "").replace(/^0+/, "") || "0";
      step = whole === "0" ? dec("1") : pow10(whole.length - whole.replace(/0+$/, "").length);
    } else {
      step = dec("1");
    }
    return { value: times(dec(plain), factor), step: times(step, factor), rounded: plain.indexOf(".") !== -1 || !!scale };
  }

  function parse(written) {
    if (typeof written !== "string" || !written.trim()) return null;
    var hedge = stripHedge(written), after = stripAfter(hedge[0]);
    var rest = after[0], numbers = [], at = 0;
    while (true) {
      NUMBER.lastIndex = at;
      var found = NUMBER.exec(rest);
      if (!found) break;
      numbers.push(number(found[1], found[2]));
      at = NUMBER.lastIndex;
      SEPARATOR.lastIndex = at;
      var separator = SEPARATOR.exec(rest);
      if (!separator || SEPARATOR.lastIndex === rest.length) break;
      at = SEPARATOR.lastIndex;
    }
    if (!numbers.length || rest.slice(at).trim()) return null;
    return { written: written.trim(), numbers: numbers, hedged: hedge[1] || after[2], unit: after[1] };
  }

  function interval(figure, n) {
    var half = times(n.step, figure.hedged ? HEDGED : PLAIN);
    return [minus(n.value, half), plus(n.value, half)];
  }

  function grade(figure, measured) {
    var value = dec(String(measured)), result = "fails";
    for (var i = 0; i < figure.numbers.length; i++) {
      var n = figure.numbers[i], span = interval(figure, n);
      if (compare(span[0], value) <= 0 && compare(value, span[1]) <= 0) return "holds";
      if (n.rounded || figure.hedged) {
        var beyond = times(n.step, CLOSE);
        if (compare(minus(span[0], beyond), value) <= 0 && compare(value, plus(span[1], beyond)) <= 0) result = "close";
      }
    }
    return result;
  }

  // --- a claim decided as the engine decides it (tools/claims.py): comparisons, statuses, VERDICT_RULES ---
  function same(a, b) {  // Python's ==: numbers by value, true == 1, lists item by item
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every(function (x, i) { return same(x, b[i]); });
    }
    var numeric = function (x) { return typeof x === "number" || typeof x === "boolean"; };
    if (numeric(a) && numeric(b)) return compare(dec(String(Number(a))), dec(String(Number(b)))) === 0;
    return a === b;
  }
  function order(a, b) {
    if (typeof a !== "number" || typeof b !== "number") throw new Error("compares numbers only");
    return compare(dec(String(a)), dec(String(b)));
  }
  function contains(measured, target) {
    if (Array.isArray(measured)) return measured.some(function (item) { return same(item, target); });
    if (typeof measured === "string" && typeof target === "string") return measured.indexOf(target) !== -1;
    throw new Error("contains needs a list or text");
  }
  var COMPARE = {
    equals: function (m, t) { return same(m, t); },
    differs: function (m, t) { return !same(m, t); },
    range: function (m, t) { return order(t[0], m) <= 0 && order(m, t[1]) <= 0; },
    less_than: function (m, t) { return order(m, t) < 0; },
    greater_than: function (m, t) { return order(m, t) > 0; },
    at_least: function (m, t) { return order(m, t) >= 0; },
    at_most: function (m, t) { return order(m, t) <= 0; },
    contains: contains,
    excludes: function (m, t) { return !contains(m, t); },
  };

  function status(grades) {
    if (grades.every(function (g) { return g === "holds"; })) return "all";
    if (grades.indexOf("fails") === -1) return "close";
    return grades.every(function (g) { return g === "fails"; }) ? "none" : "some";
  }

  // claim: {checks: [...], quantifier}; facts: name -> value; quoted: names of quoted statements.
  function decide(claim, facts, quoted) {
    var statuses = {}, kinds = {};
    claim.checks.forEach(function (check) {
      var names = check.fact !== undefined ? [check.fact] : check.facts;
      var grades = names.map(function (name) {
        if (!(name in facts)) throw new Error("unknown fact " + name);
        kinds[(quoted || []).indexOf(name) !== -1 ? "quoted" : "measured"] = true;
        var measured = facts[name];
        if (check.stated !== undefined) {
          var figure = parse(check.stated);
          if (!figure) throw new Error("unreadable figure " + check.stated);
          return grade(figure, measured);
        }
        var op = Object.keys(COMPARE).filter(function (key) { return key in check; })[0];
        var target = check[op];
        if (target && typeof target === "object" && !Array.isArray(target)) target = facts[target.fact];
        return COMPARE[op](measured, target) ? "holds" : "fails";
      });
      statuses[status(grades)] = true;
    });
    var rules = RULES.verdicts, quantified = rules.quantified[claim.quantifier || ""] || {}, verdict = rules.otherwise;
    for (var i = 0; i < rules.order.length; i++) {
      if (statuses[rules.order[i][0]]) { verdict = quantified[rules.order[i][0]] || rules.order[i][1]; break; }
    }
    return kinds.quoted && !kinds.measured ? rules.quoted[verdict] : verdict;
  }

  root.AtlasPolicy = { parse: parse, grade: grade, dec: dec, decide: decide };
})(window);
