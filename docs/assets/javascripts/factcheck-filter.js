/* ResNet Atlas: the fact-check page's filter. The page lists every claim as a heading that carries its verdict,
 * topic and models (data-verdict, data-topic, data-models, written by tools/render/factcheck.py), each followed
 * by its evidence until the next heading, and a table of all claims linking to those headings. Choosing a
 * verdict, a model or a topic hides the claims that do not match, in the table and below it. Without this
 * script the form stays hidden and every claim shows.
 */
(function () {
  "use strict";

  function sections(heading) {
    var parts = [heading];
    for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      parts.push(node);
    }
    return parts;
  }

  function ready() {
    var form = document.querySelector("form.atlas-filter");
    if (!form) return;
    var headings = Array.prototype.slice.call(document.querySelectorAll("h2[data-verdict]"));
    var rows = {};
    Array.prototype.forEach.call(document.querySelectorAll("table a[href^='#']"), function (link) {
      rows[link.getAttribute("href").slice(1)] = link.closest("tr");
    });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector("output[data-filter='count']");

    function matches(heading) {
      return selects.every(function (select) {
        var wanted = select.value;
        if (!wanted) return true;
        var key = select.getAttribute("data-filter");
        var have = key === "model" ? (heading.getAttribute("data-models") || "").split(" ") : [heading.getAttribute("data-" + key)];
        return have.indexOf(wanted) !== -1;
      });
    }

    function apply() {
      var shown = 0;
      headings.forEach(function (heading) {
        var keep = matches(heading);
        shown += keep ? 1 : 0;
        sections(heading).forEach(function (node) { node.hidden = !keep; });
        var row = rows[heading.id];
        if (row) row.hidden = !keep;
      });
      count.textContent = shown + " / " + headings.length;
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
