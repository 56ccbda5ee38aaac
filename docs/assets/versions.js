/* Versions and error reports (overrides/partials/version_banner.html, cite_box.html):
   - "Laporkan kesalahan" / "Report an error": at click time, the new issue names the section of the text
     the reader selected (or the address's #section) and quotes the selection. Without this script the
     link still opens the issue with the page's address and version.
   - The cite box's two addresses (this version, the latest) follow the section chosen in the cite box. */
(function () {
  "use strict";

  var strings = window.editionStrings ? window.editionStrings() : {};
  var chosen = { text: "", section: "" };

  function article() { return document.querySelector("article.md-content__inner"); }

  function sectionOf(node) {
    var root = article();
    if (!root || !root.contains(node)) { return null; }
    var found = "";
    var headings = root.querySelectorAll("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]");
    for (var i = 0; i < headings.length; i++) {
      var h = headings[i];
      if (h === node || h.contains(node) || (h.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        found = i === 0 ? "" : h.id;  // the page's title: the page itself
      } else { break; }
    }
    return found;
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    var text = selection ? String(selection).replace(/\s+/g, " ").trim() : "";
    var section = text ? sectionOf(selection.anchorNode) : null;
    if (section !== null) { chosen = { text: text.slice(0, 500), section: section }; }
  });

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.report-error-link") : null;
    if (!link || !strings.report_body) { return; }
    var page = link.getAttribute("data-page-url");
    var section = chosen.text ? chosen.section : location.hash.slice(1);
    var url = page + (section ? "#" + section : "");
    var values = { url: url, version: link.getAttribute("data-version"), selection: "" };
    if (chosen.text) { values.selection = fill(strings.report_selection, { text: chosen.text }); }
    var query = new URLSearchParams({ title: fill(strings.report_title, values), body: fill(strings.report_body, values) });
    link.href = link.href.split("?")[0] + "?" + query.toString();
  });

  function followCiteBox() {
    var select = document.getElementById("cite-box-section");
    var links = document.querySelectorAll("a.cite-box-version-link");
    if (!select || !links.length) { return; }
    var id = select.selectedIndex > 0 ? select.value : "";
    for (var i = 0; i < links.length; i++) {
      var url = links[i].href.split("#")[0] + (id ? "#" + id : "");
      links[i].href = url;
      links[i].textContent = url;
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "cite-box-section") { followCiteBox(); }
  });
  window.addEventListener("hashchange", function () { setTimeout(followCiteBox, 0); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setTimeout(followCiteBox, 0); });
  } else { setTimeout(followCiteBox, 0); }
})();
