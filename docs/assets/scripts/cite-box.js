/* "Kutip bagian ini" / "Cite this section": choose a section (following the address bar), copy a format.
   Also defines the helpers the other scripts share: editionStrings() (the interface strings of the
   page's language, from #edition-strings), editionCopy(text) and editionAnnounce(message). First in
   the bundle (hooks/edition/output/bundle.py). */
(function () {
  "use strict";

  var cachedStrings = null;
  window.editionStrings = function () {
    if (!cachedStrings) {
      var node = document.getElementById("edition-strings");
      cachedStrings = node ? JSON.parse(node.textContent) : {};
    }
    return cachedStrings;
  };

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  window.editionCopy = copyText;

  /* One live region for the page's confirmations (copied links, passages): visible for a moment, read
     out by screen readers. */
  var live = null, liveTimer = 0;
  window.editionAnnounce = function (message, duration) {
    if (!live) {
      live = document.createElement("div");
      live.className = "copy-link-status";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = message;
    live.classList.add("is-shown");
    window.clearTimeout(liveTimer);
    liveTimer = window.setTimeout(function () { live.classList.remove("is-shown"); }, duration || 2500);
  };

  var strings = window.editionStrings();

  function init() {
    var box = document.getElementById("cite-box");
    var dataNode = document.getElementById("cite-box-data");
    if (!box || !dataNode) { return; }
    var data = JSON.parse(dataNode.textContent);
    var select = document.getElementById("cite-box-section");
    var status = box.querySelector(".cite-box-status");
    var current = select ? select.value : Object.keys(data)[0];

    function show(id) {
      if (!(id in data)) { return; }
      current = id;
      var d = data[id];
      box.querySelector("[data-format=apa]").innerHTML = d.apa_html;
      box.querySelector("[data-format=bibtex]").textContent = d.bibtex;
      box.querySelector("[data-format=ris]").textContent = d.ris;
      var link = box.querySelector(".cite-box-link");
      link.href = d.url;
      link.textContent = d.url;
      if (select && select.value !== id) { select.value = id; }
    }

    if (select) {
      select.addEventListener("change", function () { show(select.value); });
      var follow = function () {
        var id = decodeURIComponent(location.hash.slice(1));
        if (id && id !== current && id in data) { show(id); }
      };
      follow();
      window.addEventListener("hashchange", follow);
      var pending = false;
      window.addEventListener("scroll", function () {
        if (pending) { return; }
        pending = true;
        window.requestAnimationFrame(function () { pending = false; follow(); });
      }, { passive: true });
    }

    box.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var format = button.getAttribute("data-copy");
        var label = { apa: "APA", bibtex: "BibTeX", ris: "RIS" }[format];
        copyText(data[current][format]).then(function () {
          status.textContent = strings.citation_copied.replace("{0}", label);
        }, function () {
          status.textContent = strings.copy_failed;
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
