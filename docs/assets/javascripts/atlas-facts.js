/* ResNet Atlas: every bound or generated model number explains itself.
 *
 * Numbers bound to a fact are <span data-fact="resnet20.params">…</span> (tools/markers.py). On hover,
 * keyboard focus or tap, a small card says what the number is (the fact's label, name, meaning and
 * unit) and links to where it is measured: the model page, the definition on Facts and units, or the
 * cited source. Everything it needs is in facts-index.js, generated beside it: no network access.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/javascripts\/atlas-facts\.js(\?.*)?$/, "") : "/";
  var index = window.ATLAS_FACTS || { facts: {}, configs: {}, sources: {}, peers: {}, peer_facts: {}, words: {} };
  // The card's words, in the page's language (generated from the message catalog into the facts index).
  var words = index.words || {};
  var card = null;
  var owner = null;
  var hideTimer = null;
  var shownAt = 0;  // a tap fires mouseover then click: the click right after opening must not close

  function describe(name) {
    var dot = name.indexOf(".");
    var head = name.slice(0, dot);
    var short = name.slice(name.lastIndexOf(".") + 1);
    var doc = index.facts[short];
    var config = index.configs[head];
    if (config) {
      return {
        label: doc ? doc[0] : short,
        meaning: doc ? doc[2] + (doc[1] ? " (" + doc[1] + ")" : "") : "",
        where: words.measured_on + config[1] + (config[2] ? " (" + config[2] + ")" : ""),
        href: root + "models/" + config[0] + "/",
        definition: root + "reference/facts/#fact-" + short,
      };
    }
    var peer = (index.peers || {})[name.slice(0, name.lastIndexOf("."))];
    if (peer) {
      var own = (index.peer_facts || {})[short] || doc;
      return {
        label: own ? own[0] : short,
        meaning: own ? own[2] + (own[1] ? " (" + own[1] + ")" : "") : "",
        where: words.measured_live_on + peer[0],
        href: root + peer[1],
        definition: null,
      };
    }
    var source = index.sources[head + ".*." + short];
    return {
      label: words.published,
      meaning: source || "",
      where: words.cited,
      href: root + "reference/facts/#published-figures-cited",
      definition: null,
    };
  }

  function build(target) {
    var name = target.getAttribute("data-fact");
    var info = describe(name);
    var element = document.createElement("div");
    element.className = "atlas-fact-card";
    element.setAttribute("role", "tooltip");
    element.id = "atlas-fact-card";
    var title = document.createElement("strong");
    title.textContent = info.label;
    var code = document.createElement("code");
    code.textContent = name;
    var meaning = document.createElement("div");
    meaning.textContent = info.meaning;
    var links = document.createElement("div");
    var where = document.createElement("a");
    where.href = info.href;
    where.textContent = info.where;
    links.appendChild(where);
    if (info.definition) {
      links.appendChild(document.createTextNode(" · "));
      var definition = document.createElement("a");
      definition.href = info.definition;
      definition.textContent = words.definition;
      links.appendChild(definition);
    }
    element.appendChild(title);
    element.appendChild(document.createTextNode(" "));
    element.appendChild(code);
    element.appendChild(meaning);
    element.appendChild(links);
    element.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    element.addEventListener("mouseleave", scheduleHide);
    return element;
  }

  function show(target) {
    clearTimeout(hideTimer);
    if (owner === target && card) return;
    hide();
    owner = target;
    card = build(target);
    shownAt = Date.now();
    document.body.appendChild(card);
    var box = target.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8);
    card.style.left = Math.max(8, left) + "px";
    card.style.top = window.scrollY + box.bottom + 6 + "px";
    target.setAttribute("aria-describedby", card.id);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (card) card.remove();
    if (owner) owner.removeAttribute("aria-describedby");
    card = null;
    owner = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function factOf(event) {
    return event.target.closest ? event.target.closest("[data-fact]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var target = factOf(event);
    if (target) show(target);
  });
  document.addEventListener("mouseout", function (event) {
    if (factOf(event)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var target = factOf(event);
    if (target) show(target);
  });
  document.addEventListener("click", function (event) {  // a tap: toggle; a tap elsewhere closes
    var target = factOf(event);
    if (target) {
      if (owner === target && card && Date.now() - shownAt > 400) hide(); else show(target);
    } else if (card && !card.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });

  // The language selector (mkdocs.yml's extra.alternate) links to the other edition's home; both editions
  // have the same pages at the same paths, so each link is pointed at this page there.
  function samePageInOtherLanguages() {
    var here = new URL(root, window.location.href);
    var path = window.location.pathname;
    if (path.indexOf(here.pathname) !== 0) return;
    var rest = path.slice(here.pathname.length) + window.location.hash;
    document.querySelectorAll("a[hreflang]").forEach(function (link) {
      var home = new URL(link.getAttribute("href"), window.location.href);
      link.href = new URL(rest, home).href;
    });
  }

  // Beside the search box: a field that opens the number finder with the figure typed (finder/?q=25.5M).
  function finderField() {
    var header = document.querySelector(".md-header__inner");
    if (!header || !words.finder || header.querySelector(".atlas-header-finder")) return;
    var form = document.createElement("form");
    form.className = "atlas-header-finder";
    form.setAttribute("role", "search");
    form.action = root + "finder/";
    form.method = "get";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = words.finder;
    input.setAttribute("aria-label", words.finder);
    form.appendChild(input);
    header.insertBefore(form, header.querySelector(".md-search") || null);
  }

  function ready() {
    samePageInOtherLanguages();
    finderField();
    document.querySelectorAll("[data-fact]").forEach(function (element) {
      element.setAttribute("tabindex", "0");
    });
    if (window.Tablesort) {  // sortable tables: every data table of the article
      document.querySelectorAll("article table").forEach(function (table) {
        if (!table.hasAttribute("data-atlas-sortable")) {
          table.setAttribute("data-atlas-sortable", "");
          new window.Tablesort(table);
        }
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
