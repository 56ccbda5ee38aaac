/* Accessibility repairs of the theme's own markup: the search dialog gets an accessible name. */
(function () {
  "use strict";
  function init() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", "Cari di artikel");
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
