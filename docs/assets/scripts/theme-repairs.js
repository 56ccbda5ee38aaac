/* Repairs of the theme's markup: the search dialog gets an accessible name, and the language
   switcher keeps the reader on the same section (it carries the #id over to the other language). */
(function () {
  "use strict";
  var strings = window.editionStrings();
  function init() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", strings.search_dialog);
    }
    document.querySelectorAll("a[hreflang].md-select__link, .md-select__link[hreflang]").forEach(function (link) {
      link.addEventListener("click", function () {
        if (location.hash && link.href.indexOf("#") < 0) {
          link.href = link.href + location.hash;
        }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
