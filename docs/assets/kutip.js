/* "Kutip bagian ini": choose a section (following the address bar), copy a format. */
(function () {
  "use strict";

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
  window.edisiSalin = copyText;

  var EN = (document.documentElement.lang || "").slice(0, 2) === "en";

  function init() {
    var box = document.getElementById("kutip");
    var dataNode = document.getElementById("kutip-data");
    if (!box || !dataNode) { return; }
    var data = JSON.parse(dataNode.textContent);
    var select = document.getElementById("kutip-bagian");
    var status = box.querySelector(".kutip-status");
    var current = select ? select.value : Object.keys(data)[0];

    function show(id) {
      if (!(id in data)) { return; }
      current = id;
      var d = data[id];
      box.querySelector("[data-kutip=apa]").innerHTML = d.apa_html;
      box.querySelector("[data-kutip=bibtex]").textContent = d.bibtex;
      box.querySelector("[data-kutip=ris]").textContent = d.ris;
      var link = box.querySelector(".kutip-tautan");
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

    box.querySelectorAll("[data-salin]").forEach(function (button) {
      button.addEventListener("click", function () {
        var format = button.getAttribute("data-salin");
        var label = { apa: "APA", bibtex: "BibTeX", ris: "RIS" }[format];
        copyText(data[current][format]).then(function () {
          status.textContent = EN ? label + " citation copied." : "Kutipan " + label + " disalin.";
        }, function () {
          status.textContent = EN ? "Copying failed; select the text and copy it by hand."
            : "Gagal menyalin; pilih teksnya dan salin dengan tangan.";
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
