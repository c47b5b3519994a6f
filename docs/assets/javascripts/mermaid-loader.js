/*
 * Loads the vendored Mermaid (assets/vendor/mermaid, by far the largest script) only on pages that draw a diagram.
 *
 * Material for MkDocs renders every `.mermaid` block with `window.mermaid` when it is defined (and would
 * fetch Mermaid from a CDN when it is not, which this offline site never lets happen on such a page).
 * This script runs while the page is parsed, after the article: on a page with a diagram it writes the
 * vendored script in, so Mermaid is defined before Material draws; other pages skip the download and
 * the parse.
 */
(function () {
  "use strict";
  if (!document.querySelector(".mermaid")) return;
  var self = document.currentScript;
  var src = self.src.replace(/javascripts\/mermaid-loader\.js(\?.*)?$/, "vendor/mermaid/mermaid.min.js");
  document.write('<script src="' + src + '"><\/script>');
})();
