/* A "copy link" button beside every heading, figure and Tabel 1: copies the full URL of
   that place, confirms it visibly and to screen readers. */
(function () {
  "use strict";

  var strings = window.editionStrings();
  function announce(message, button) {
    window.editionAnnounce(message, 2500);
    button.classList.add("is-copied");
    window.setTimeout(function () { button.classList.remove("is-copied"); }, 2500);
  }

  function copy(text) {
    if (window.editionCopy) { return window.editionCopy(text); }
    return navigator.clipboard.writeText(text);
  }

  function label(target) {
    var caption = target.querySelector("figcaption");
    var source = caption || target;
    var clone = source.cloneNode(true);
    clone.querySelectorAll(".headerlink, .copy-link").forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function init() {
    var targets = document.querySelectorAll(
      ".md-content article h1[id], .md-content article h2[id], .md-content article h3[id], " +
      ".md-content article h4[id], .md-content article figure[id]"
    );
    targets.forEach(function (target) {
      if (target.closest(".cite-box")) { return; }
      var name = label(target);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.setAttribute("aria-label", strings.copy_link_to + name);
      button.title = strings.copy_link_title;
      button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.59 13.41a1 1 0 0 0 1.41 0l3.54-3.54a3 3 0 0 0-4.24-4.24L9.88 7.05a1 1 0 1 0 1.41 1.41l1.42-1.41a1 1 0 0 1 1.41 1.41l-3.53 3.54a1 1 0 0 0 0 1.41zm2.82-2.82a1 1 0 0 0-1.41 0l-3.54 3.54a3 3 0 0 0 4.24 4.24l1.42-1.42a1 1 0 0 0-1.41-1.41l-1.42 1.41a1 1 0 0 1-1.41-1.41l3.53-3.54a1 1 0 0 0 0-1.41z"/></svg>';
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var url = location.origin + location.pathname + "#" + target.id;
        copy(url).then(function () {
          announce(strings.link_copied + url, button);
        }, function () {
          announce(strings.link_copy_failed, button);
        });
      });
      var holder = target.tagName === "FIGURE" ? (target.querySelector("figcaption") || target) : target;
      holder.appendChild(button);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
