/* Repairs of the theme's markup: the search dialog gets an accessible name. */
(function () {
  "use strict";

  var edition = window.edition;

  edition.ready(function () {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", edition.strings.search_dialog);
    }
  });
})();
