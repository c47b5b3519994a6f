/*
 * Every drawing of a page (an inline SVG in a .atlas-drawing-frame) gets a button that opens it in a dialog,
 * where it can be panned and zoomed (the vendored svg-pan-zoom, assets/vendor/svg-pan-zoom): with the mouse
 * wheel, by dragging, with the + and − buttons, or with the keys + and −; Escape closes it. Works offline and
 * with the keyboard; a page without drawings does nothing.
 */
(function () {
  "use strict";
  var WORDS = {
    en: { open: "Zoom", close: "Close", hint: "Drag to move; wheel, + or − to zoom; Escape closes." },
    zh: { open: "放大查看", close: "关闭", hint: "拖动可平移；滚轮、+ 或 − 可缩放；按 Esc 关闭。" },
  };
  var words = WORDS[(document.documentElement.lang || "en").slice(0, 2)] || WORDS.en;

  function open(svg) {
    var dialog = document.createElement("dialog");
    dialog.className = "atlas-zoom-dialog";
    dialog.setAttribute("aria-label", svg.getAttribute("aria-label") || "");
    var bar = document.createElement("div");
    bar.className = "atlas-zoom-bar";
    var hint = document.createElement("span");
    hint.textContent = words.hint;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "atlas-zoom";
    close.textContent = words.close;
    bar.appendChild(hint);
    bar.appendChild(close);
    var copy = svg.cloneNode(true);
    copy.removeAttribute("width");
    copy.removeAttribute("height");
    dialog.appendChild(bar);
    dialog.appendChild(copy);
    document.body.appendChild(dialog);
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { dialog.remove(); });
    dialog.showModal();
    var zoom = window.svgPanZoom ? window.svgPanZoom(copy, {
      controlIconsEnabled: true, zoomScaleSensitivity: 0.3, minZoom: 0.5, maxZoom: 12, fit: true, center: true,
    }) : null;
    dialog.addEventListener("keydown", function (event) {
      if (!zoom) return;
      if (event.key === "+" || event.key === "=") { zoom.zoomIn(); event.preventDefault(); }
      if (event.key === "-" || event.key === "−") { zoom.zoomOut(); event.preventDefault(); }
    });
    close.focus();
  }

  document.querySelectorAll(".atlas-drawing-frame").forEach(function (frame) {
    var svg = frame.querySelector("svg");
    if (!svg || frame.querySelector(".atlas-zoom")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "atlas-zoom";
    button.textContent = words.open;
    button.setAttribute("aria-label", words.open + ": " + (svg.getAttribute("aria-label") || ""));
    button.addEventListener("click", function () { open(svg); });
    frame.insertBefore(button, svg);
  });
})();
