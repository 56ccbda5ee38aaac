/* Links to the same page elsewhere keep the reader's section: the language switcher (the other language's
   page has the same IDs) and the archived version's link to the latest (overrides/partials/version_banner.html;
   the latest publishes every ID an older version did). They carry an ID of this page, never whatever else
   the address holds. Archived pages of releases older than this script get it from
   hooks/edition/output/versioned_site.py. */
(function () {
  "use strict";

  var LINKS = "a.md-select__link[hreflang], a.version-latest-link";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(LINKS);
    if (link) { link.hash = window.edition.hashId(); }
  });
})();
