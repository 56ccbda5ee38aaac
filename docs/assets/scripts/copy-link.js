/* A "copy link" button beside every heading, figure and Tabel 1: copies the full URL of
   that place, confirms it visibly and to screen readers. */
(function () {
  "use strict";

  var edition = window.edition;
  var strings = edition.strings;
  var CONFIRM_MS = 2500;  /* how long the button shows it has copied */
  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.59 13.41a1 1 0 0 0 1.41 0l3.54-3.54a3 3 0 0 0-4.24-4.24L9.88 7.05a1 1 0 1 0 1.41 1.41l1.42-1.41a1 1 0 0 1 1.41 1.41l-3.53 3.54a1 1 0 0 0 0 1.41zm2.82-2.82a1 1 0 0 0-1.41 0l-3.54 3.54a3 3 0 0 0 4.24 4.24l1.42-1.42a1 1 0 0 0-1.41-1.41l-1.42 1.41a1 1 0 0 1-1.41-1.41l3.53-3.54a1 1 0 0 0 0-1.41z"/></svg>';

  function confirmCopy(message, button) {
    edition.announce(message, CONFIRM_MS);
    button.classList.add("is-copied");
    window.setTimeout(function () { button.classList.remove("is-copied"); }, CONFIRM_MS);
  }

  /* The words of a heading or of a figure's caption, without the buttons beside them. */
  function label(target) {
    var clone = (target.querySelector("figcaption") || target).cloneNode(true);
    clone.querySelectorAll(".headerlink, .copy-link").forEach(function (node) { node.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  edition.ready(function () {
    var article = edition.article();
    if (!article) { return; }
    var figures = Array.prototype.filter.call(article.querySelectorAll("figure[id]"), function (figure) {
      return !figure.closest(edition.FURNITURE);
    });
    edition.headings().concat(figures).forEach(function (target) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.setAttribute("aria-label", strings.copy_link_to + label(target));
      button.title = strings.copy_link_title;
      button.innerHTML = ICON;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var url = location.origin + location.pathname + "#" + target.id;
        edition.copy(url).then(function () {
          confirmCopy(strings.link_copied + url, button);
        }, function () {
          confirmCopy(strings.link_copy_failed, button);
        });
      });
      (target.tagName === "FIGURE" ? target.querySelector("figcaption") || target : target).appendChild(button);
    });
  });
})();
