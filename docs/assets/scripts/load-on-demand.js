/* Scripts fetched only when a reader needs them, so that a first visit stays light (bench/weight.py):
   passage-link.js on the first selection of text inside the article; sidenotes.js when the screen is
   wide enough for references in the margin (edition.css shows them from 100em) and the page cites;
   others through edition.load (offline-reading.js: docs/assets/scripts/offline.js). */
(function () {
  "use strict";

  var edition = window.edition;
  var source = document.currentScript.src;
  var folder = source.slice(0, source.lastIndexOf("/") + 1);
  var loaded = {};

  function load(name) {
    if (edition.has(loaded, name)) { return; }
    loaded[name] = true;
    var script = document.createElement("script");
    script.src = folder + name;
    document.head.appendChild(script);
  }
  edition.load = load;

  /* passage-link.js tells a keyboard selection from others by this time (Shift with an arrow key). */
  document.addEventListener("keydown", function (event) {
    if (event.shiftKey && /^(Arrow|Home|End|Page)/.test(event.key)) { edition.selectKeyAt = Date.now(); }
  }, true);

  edition.ready(function () {
    var article = edition.article();
    if (!article) { return; }
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (selection && !selection.isCollapsed && selection.rangeCount &&
          article.contains(selection.getRangeAt(0).commonAncestorContainer)) { load("passage-link.js"); }
    });
    var wide = window.matchMedia("screen and (min-width: 100em)");
    var margin = function () {
      if (wide.matches && article.querySelector("a.citation[data-key]")) { load("sidenotes.js"); }
    };
    margin();
    if (wide.addEventListener) { wide.addEventListener("change", margin); }
  });
})();
