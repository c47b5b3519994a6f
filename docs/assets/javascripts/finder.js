/* ResNet Atlas: the number finder. A figure typed as posts write it ("25.5M", "3.8 billion", "2560万",
 * "42 layers") is read by the verdict policy (policy.js, rules generated from tools/policy.py) and compared
 * with every numeric fact of every model and option (finder-values.js); the facts that hold or are close
 * are listed by model, each with what it counts and a link to where it is measured (facts-index). A unit in
 * the figure narrows the facts to that unit; a FLOPs figure that matches a count of MACs is shown as the
 * FLOPs-versus-MACs confusion it is.
 */
(function () {
  "use strict";

  function ready() {
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

  // After the page's last script: the facts' words (facts-index.js) load after this page's own scripts.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
