/* "Kutip bagian ini" / "Cite this section": choose a section (following the address bar), copy a format. */
(function () {
  "use strict";

  var edition = window.edition;
  var LABELS = { apa: "APA", bibtex: "BibTeX", ris: "RIS" };

  edition.ready(function () {
    var box = document.getElementById("cite-box");
    if (!box || !document.getElementById("cite-box-data")) { return; }
    var data = edition.data("cite-box-data");
    var select = document.getElementById("cite-box-section");
    var status = box.querySelector(".cite-box-status");
    var current = select ? select.value : Object.keys(data)[0];

    function show(id) {
      current = id;
      var entry = data[id];
      box.querySelector("[data-format=apa]").innerHTML = entry.apa_html;
      box.querySelector("[data-format=bibtex]").textContent = entry.bibtex;
      box.querySelector("[data-format=ris]").textContent = entry.ris;
      var link = box.querySelector(".cite-box-link");
      link.href = entry.url;
      link.textContent = entry.url;
      if (select && select.value !== id) { select.value = id; }
    }

    if (select) {
      select.addEventListener("change", function () {
        if (edition.has(data, select.value)) { show(select.value); }
      });
      /* The section named by the address, if the box cites it (the address is anyone's: see core.js). */
      var follow = function () {
        var id = edition.hashId();
        if (id && id !== current && edition.has(data, id)) { show(id); }
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
        var entry = data[current];
        edition.copy(format === "apa" ? edition.text(entry.apa_html) : entry[format]).then(function () {
          status.textContent = edition.replaceOnce(edition.strings.citation_copied, "{0}", LABELS[format]);
        }, function () {
          status.textContent = edition.strings.copy_failed;
        });
      });
    });
  });
})();
