/* ResNet Atlas: the number finder. A figure typed as posts write it ("25.5M", "3.8 billion", "2560万",
 * "42 layers") is read by the verdict policy (policy.js, rules generated from tools/policy.py) and compared
 * with every numeric fact of every model and option (finder-values.js); the facts that hold or are close
 * are listed by model, each with what it counts and a link to where it is measured (facts-index). A unit in
 * the figure narrows the facts to that unit; a FLOPs figure that matches a count of MACs is shown as the
 * FLOPs-versus-MACs confusion it is.
 */
(function () {
  "use strict";

  // The number finder.
  function finder() {
    var form = document.querySelector("form.atlas-finder");
    if (!form || !window.AtlasPolicy) return;
    var words = JSON.parse(form.getAttribute("data-words"));
    var index = window.ATLAS_FACTS || { facts: {}, configs: {}, peers: {}, peer_facts: {} };
    var data = window.ATLAS_VALUES || { values: {}, units: {} };
    var root = document.querySelector('script[src$="finder.js"]').src.replace(/assets\/javascripts\/finder\.js$/, "");
    var input = form.querySelector("input"), status = form.querySelector(".atlas-finder-status");
    var results = form.querySelector(".atlas-finder-results");
    var UNIT_FACTS = window.ATLAS_POLICY.fact_units;
    var models = {};
    for (var key in index.configs) if (!models[index.configs[key][0]]) models[index.configs[key][0]] = index.configs[key][1];

    function where(name) {
      var parts = name.split("."), short = parts[parts.length - 1];
      var config = index.configs[parts[0]];
      if (config) {
        var doc = index.facts[short];
        return { model: config[0], label: doc ? doc[0] : short, by: words.ours + (config[2] ? " (" + config[2] + ")" : ""),
                 href: root + "models/" + config[0] + "/" };
      }
      var peer = index.peers[parts.slice(0, -1).join(".")];
      if (peer) {
        var own = index.peer_facts[short] || index.facts[short];
        return { model: parts[1], label: own ? own[0] : short, by: words.keras, href: root + peer[1] };
      }
      if (parts.length === 3 && models[parts[1]]) {
        var cited = index.facts[short];
        return { model: parts[1], label: cited ? cited[0] : short, by: words.cited + " " + parts[0], href: root + "models/" + parts[1] + "/" };
      }
      return null;
    }

    function unitOf(name) { var short = name.slice(name.lastIndexOf(".") + 1); return data.units[short] || ""; }

    function find(figure) {
      var found = [];
      for (var name in data.values) {
        var unit = unitOf(name), note = "";
        if (figure.unit) {
          var wanted = UNIT_FACTS[figure.unit] || [figure.unit];
          if (wanted.indexOf(unit) === -1) {
            if (figure.unit === "FLOPs" && unit === "MACs") note = words.confusion; else continue;
          }
        }
        var grade = window.AtlasPolicy.grade(figure, data.values[name]);
        if (grade === "fails") continue;
        if (!note && unit === "MACs") note = words.flops_twice;
        var place = where(name);
        if (place) found.push({ name: name, value: data.values[name], grade: grade, note: note, place: place });
      }
      return found;
    }

    function show() {
      results.textContent = "";
      var written = input.value.trim();
      if (!written) { status.textContent = ""; return; }
      var figure = window.AtlasPolicy.parse(written);
      if (!figure) { status.textContent = words.unreadable; return; }
      var found = find(figure), groups = {};
      status.textContent = found.length ? words.results.replace("{count}", found.length) : words.none;
      found.forEach(function (item) { (groups[item.place.model] = groups[item.place.model] || []).push(item); });
      Object.keys(groups).forEach(function (model) {
        var section = document.createElement("section");
        section.className = "atlas-finder-model";
        section.setAttribute("data-model", model);
        var heading = document.createElement("h2");
        heading.textContent = models[model] || model;
        section.appendChild(heading);
        var list = document.createElement("ul");
        groups[model].forEach(function (item) {
          var entry = document.createElement("li");
          entry.setAttribute("data-fact", item.name);
          entry.setAttribute("data-grade", item.grade);
          var link = document.createElement("a");
          link.href = item.place.href;
          link.textContent = item.place.label;
          entry.appendChild(link);
          entry.appendChild(document.createTextNode(" · " + item.place.by + ": " + item.value.toLocaleString() + " · "
            + words[item.grade] + (item.note ? " · " + item.note : "")));
          list.appendChild(entry);
        });
        section.appendChild(list);
        results.appendChild(section);
      });
    }

    input.addEventListener("input", show);
    form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) { input.value = asked; show(); }
  }

  // The claim checker: a model, one of its facts, a comparison and a value make a claim; it is decided by
  // AtlasPolicy.decide (the engine's comparisons and VERDICT_RULES) and written out as YAML for docs/claims/.
  function checker() {
    var form = document.querySelector("form.atlas-checker");
    if (!form || !window.AtlasPolicy) return;
    var words = JSON.parse(form.getAttribute("data-words"));
    var index = window.ATLAS_FACTS || { facts: {}, configs: {} };
    var values = (window.ATLAS_VALUES || { values: {} }).values, units = (window.ATLAS_VALUES || { units: {} }).units;
    var field = function (name) { return form.querySelector("[data-checker='" + name + "']"); };
    var config = field("config"), fact = field("fact"), op = field("op"), value = field("value"), high = field("high");
    var verdict = form.querySelector(".atlas-checker-verdict"), yaml = form.querySelector(".atlas-checker-yaml");
    var TOPICS = { parameters: "parameters", values: "parameters", MACs: "cost", FLOPs: "cost", layers: "depth",
                   pixels: "feature maps", channels: "feature maps" };

    function fill(select, options) {
      select.textContent = "";
      options.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        select.appendChild(option);
      });
    }
    fill(config, Object.keys(index.configs).map(function (key) {
      var c = index.configs[key];
      return [key, c[1] + (c[2] ? " (" + c[2] + ")" : "")];
    }));
    function facts() {
      var prefix = config.value + ".";
      fill(fact, Object.keys(values).filter(function (name) { return name.indexOf(prefix) === 0; }).sort().map(function (name) {
        var short = name.slice(prefix.length), doc = index.facts[short];
        return [name, (doc ? doc[0] : short) + " (" + short + ")"];
      }));
    }

    function number(text) {  // a value for equals / at least / at most / between: a plain number, or a figure's value
      var figure = window.AtlasPolicy.parse(text);
      if (!figure || figure.numbers.length !== 1) return null;
      var n = figure.numbers[0].value, digits = (n.m < 0n ? -n.m : n.m).toString(), sign = n.m < 0n ? "-" : "";
      if (n.e >= 0) return sign + digits + "0".repeat(n.e);
      var point = digits.padStart(-n.e + 1, "0"), whole = point.slice(0, point.length + n.e), fraction = point.slice(point.length + n.e);
      fraction = fraction.replace(/0+$/, "");
      return sign + whole + (fraction ? "." + fraction : "");
    }

    function quoted(text) { return JSON.stringify(text); }

    function build() {
      var name = fact.value, chosen = op.value, raw = value.value.trim();
      high.parentElement.hidden = chosen !== "range";
      if (!name || !raw) { verdict.textContent = ""; yaml.textContent = ""; return; }
      var check = { fact: name }, shown = raw, line;
      if (chosen === "stated") {
        if (!window.AtlasPolicy.parse(raw) || window.AtlasPolicy.parse(raw).unit) { verdict.textContent = words["checker.unreadable"]; yaml.textContent = ""; return; }
        check.stated = raw;
        line = "stated: " + quoted(raw);
      } else if (chosen === "range") {
        var low = number(raw), top = number(high.value.trim());
        if (low === null || top === null) { verdict.textContent = words["checker.unreadable"]; yaml.textContent = ""; return; }
        check.range = [Number(low), Number(top)];
        shown = raw + " – " + high.value.trim();
        line = "range: [" + low + ", " + top + "]";
      } else {
        var exact = number(raw);
        if (exact === null) { verdict.textContent = words["checker.unreadable"]; yaml.textContent = ""; return; }
        check[chosen] = Number(exact);
        line = chosen + ": " + exact;
      }
      var facts = {};
      facts[name] = values[name];
      var decided = window.AtlasPolicy.decide({ checks: [check] }, facts, []);
      var measured = values[name].toLocaleString();
      verdict.setAttribute("data-verdict", decided);
      verdict.textContent = words["checker.verdict"].replace("{verdict}", words["verdict." + decided]).replace("{value}", measured);
      var c = index.configs[config.value], short = name.slice(config.value.length + 1), doc = index.facts[short];
      var model = c[1] + (c[2] ? " (" + c[2] + ")" : "");
      var claimWords = (window.ATLAS_VALUES || {}).claim_words || {};
      function statement(lang) {
        return claimWords[lang]["checker.statement"].replace("{model}", model).replace("{fact}", doc ? doc[0] : short)
          .replace("{comparison}", claimWords[lang]["checker." + chosen].replace("{value}", shown));
      }
      var marker = '<span data-fact="' + name + '">' + measured + "</span>";
      var id = ("checked-" + name + "-" + chosen).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      yaml.textContent = [
        "claims:",
        "  - id: " + id,
        "    statement: " + quoted(statement("en")),
        "    topic: " + (TOPICS[units[short]] || "architecture"),
        "    checks:",
        "      - fact: " + name,
        "        " + line,
        "    correction: >-",
        "      " + claimWords.en["checker.correction"].replace("{value}", marker),
        "    statement_zh: " + quoted(statement("zh")),
        "    correction_zh: >-",
        "      " + claimWords.zh["checker.correction"].replace("{value}", marker),
        "",
      ].join("\n");
    }

    config.addEventListener("change", function () { facts(); build(); });
    [fact, op, value, high].forEach(function (element) {
      element.addEventListener("input", build);
      element.addEventListener("change", build);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); build(); });
    facts();
    build();
  }

  // After the page's last script: the facts' words (facts-index.js) load after this page's own scripts.
  function ready() {
    finder();
    checker();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
