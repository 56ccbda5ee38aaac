/* References in the margin: on wide screens (edition.css shows .sidenotes from 100em) each citation's
   full reference stands beside the line that cites it, copied from its footnote. The footnotes stay
   the accessible version: the margin copy is aria-hidden and its links are not focusable. Notes never
   overlap each other or a figure or table that spans the margin: they move just above it or below it.
   Fetched by load-on-demand.js only where margin notes can be shown. */
(function () {
  "use strict";

  var edition = window.edition;
  var wide = window.matchMedia("screen and (min-width: 100em)");
  /* Distances in the text's font size (one em): from the text column to the notes, between a note and the next
     one or a figure, and how far above its citation a note may move to stand above a figure. */
  var MARGIN = 1.5, SPACE = 0.5, REACH = 6;
  var ROUNDING = 1;    /* px: a block this little wider than the text column is not wider */
  var HIDDEN = "-9999px";
  var article, box, notes = [], pending = false;

  function build() {
    article.querySelectorAll("a.citation[data-key]").forEach(function (cite) {
      var footnote = document.getElementById("fn:" + cite.getAttribute("data-key"));
      if (!footnote || cite.closest(".cite-box")) { return; }
      var note = document.createElement("div");
      note.className = "sidenote";
      note.innerHTML = '<span class="sidenote-number">' +
        (Array.prototype.indexOf.call(footnote.parentNode.children, footnote) + 1) + "</span>" + footnote.innerHTML;
      note.querySelectorAll(".footnote-backref, .to-bibliography").forEach(function (n) { n.remove(); });
      note.querySelectorAll("a").forEach(function (a) { a.tabIndex = -1; });
      notes.push({ cite: cite, note: note });
      box.appendChild(note);
    });
  }

  /* Figures, tables and boxes wider than the text column: notes go below them. */
  function obstacles(textRight, base) {
    var found = [];
    Array.prototype.forEach.call(article.children, function (child) {
      if (child === box || getComputedStyle(child).position === "absolute") { return; }  /* e.g. passage actions */
      var r = child.getBoundingClientRect();
      if (r.height && r.right > textRight + ROUNDING) { found.push([r.top - base, r.bottom - base]); }
    });
    return found;
  }

  function place() {
    pending = false;
    if (!wide.matches) { return; }
    var base = box.getBoundingClientRect();
    var paragraph = article, textRight = 0;
    article.querySelectorAll(":scope > p").forEach(function (p) {
      var right = p.getBoundingClientRect().right;
      if (right > textRight) { textRight = right; paragraph = p; }
    });
    var gap = parseFloat(getComputedStyle(paragraph).fontSize);
    var left = textRight + MARGIN * gap;
    box.style.left = left - base.left + parseFloat(box.style.left || 0) + "px";
    box.style.width = article.getBoundingClientRect().right - left + "px";
    var blocked = obstacles(textRight, base.top);
    var floor = -Infinity;
    notes.forEach(function (item) {
      var line = item.cite.getClientRects()[0];
      if (!line) { item.note.style.top = HIDDEN; return; }
      var top = Math.max(line.top - base.top, floor);
      var height = item.note.offsetHeight;
      blocked.forEach(function (span) {
        if (top < span[1] && top + height > span[0]) {
          var above = span[0] - SPACE * gap - height;  /* just above the figure if there is room, else below */
          top = above >= floor && above >= line.top - base.top - REACH * gap ? above : span[1] + SPACE * gap;
        }
      });
      item.note.style.top = top + "px";
      floor = top + height + SPACE * gap;
    });
  }

  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(place);
    }
  }

  edition.ready(function () {
    article = edition.article();
    if (!article || !article.querySelector("a.citation[data-key]")) { return; }
    box = document.createElement("div");
    box.className = "sidenotes";
    box.setAttribute("aria-hidden", "true");
    article.appendChild(box);
    build();
    schedule();
    window.addEventListener("resize", schedule);
    if (wide.addEventListener) { wide.addEventListener("change", schedule); }
    if (window.ResizeObserver) { new ResizeObserver(schedule).observe(article); }
  });
})();
