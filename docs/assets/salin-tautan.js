/* A "copy link" button beside every heading, figure and Tabel 1: copies the full URL of
   that place, confirms it visibly and to screen readers. */
(function () {
  "use strict";

  var EN = (document.documentElement.lang || "").slice(0, 2) === "en";
  var live;
  function announce(message, button) {
    if (!live) {
      live = document.createElement("div");
      live.className = "salin-tautan-status";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = message;
    live.classList.add("tampil");
    button.classList.add("tersalin");
    window.setTimeout(function () {
      live.classList.remove("tampil");
      button.classList.remove("tersalin");
    }, 2500);
  }

  function copy(text) {
    if (window.edisiSalin) { return window.edisiSalin(text); }
    return navigator.clipboard.writeText(text);
  }

  function label(target) {
    var caption = target.querySelector("figcaption");
    var source = caption || target;
    var clone = source.cloneNode(true);
    clone.querySelectorAll(".headerlink, .salin-tautan").forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function init() {
    var targets = document.querySelectorAll(
      ".md-content article h1[id], .md-content article h2[id], .md-content article h3[id], " +
      ".md-content article h4[id], .md-content article figure[id]"
    );
    targets.forEach(function (target) {
      if (target.closest(".kutip")) { return; }
      var name = label(target);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "salin-tautan";
      button.setAttribute("aria-label", (EN ? "Copy link to: " : "Salin tautan ke: ") + name);
      button.title = EN ? "Copy the link to this section" : "Salin tautan ke bagian ini";
      button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.59 13.41a1 1 0 0 0 1.41 0l3.54-3.54a3 3 0 0 0-4.24-4.24L9.88 7.05a1 1 0 1 0 1.41 1.41l1.42-1.41a1 1 0 0 1 1.41 1.41l-3.53 3.54a1 1 0 0 0 0 1.41zm2.82-2.82a1 1 0 0 0-1.41 0l-3.54 3.54a3 3 0 0 0 4.24 4.24l1.42-1.42a1 1 0 0 0-1.41-1.41l-1.42 1.41a1 1 0 0 1-1.41-1.41l3.53-3.54a1 1 0 0 0 0-1.41z"/></svg>';
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var url = location.origin + location.pathname + "#" + target.id;
        copy(url).then(function () {
          announce((EN ? "Link copied: " : "Tautan disalin: ") + url, button);
        }, function () {
          announce(EN ? "Copying the link failed." : "Gagal menyalin tautan.", button);
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
