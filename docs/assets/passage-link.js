/* Passage links: selecting a few words inside one block of the article offers "copy link to this
   passage" (page/#section-id:~:text=start,end, a text fragment that browsers scroll to and highlight;
   the section ID first, so a browser without text fragments still lands on the section) and "cite this
   passage" (the quotation, the section's APA reference from #cite-box-data, the link). Keyboard: after
   selecting, Tab reaches the buttons (announced); touch: they follow selectionchange.
   Fetched by load-on-demand.js on the first selection inside the article. */
(function () {
  "use strict";

  var strings = window.editionStrings();
  var BLOCKS = "p, li, blockquote, dd, dt, td, th, figcaption, h1, h2, h3, h4, h5, h6";
  var EXCLUDED = ".cite-box, .sidenotes, .passage-actions, nav, .md-nav";
  var WORD = /[\p{L}\p{N}]/u;
  var article, bar, chosen = null, timer = 0, pressing = false;

  function announce(message) {
    window.editionAnnounce(message, 3000);
  }

  function blockOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    el = el && el.closest(BLOCKS);
    return el && article.contains(el) && !el.closest(EXCLUDED) ? el : null;
  }

  function textUpTo(container, node, offset) {
    var range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return range.toString();
  }

  function squash(text) { return text.replace(/\s+/g, " ").trim(); }

  /* The selection inside one block, widened to whole words; null if it is not a passage. */
  function passage() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return null; }
    var range = selection.getRangeAt(0);
    var block = blockOf(range.startContainer);
    if (!block) { return null; }
    var full = block.textContent, end = full.length;
    if (block.contains(range.endContainer)) {
      end = textUpTo(block, range.endContainer, range.endOffset).length;
    } else {
      /* A triple click ends the selection at the start of the next block: nothing more is selected. */
      var tail = range.cloneRange();
      tail.setStartAfter(block);
      if (tail.toString().trim()) { return null; }
      range = range.cloneRange();
      range.setEnd(block, block.childNodes.length);
    }
    var start = textUpTo(block, range.startContainer, range.startOffset).length;
    while (start > 0 && WORD.test(full[start - 1]) && WORD.test(full[start])) { start--; }
    while (end < full.length && WORD.test(full[end]) && WORD.test(full[end - 1])) { end++; }
    var text = squash(full.slice(start, end));
    if (text.split(" ").length < 3) { return null; }
    return { block: block, text: text, before: squash(full.slice(0, start)), range: range.cloneRange() };
  }

  function encode(text) { return encodeURIComponent(text).replace(/-/g, "%2D"); }

  /* The heading the passage belongs to: the last heading with an ID before the block. */
  function headingOf(block, ids) {
    var found = null;
    article.querySelectorAll("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (h) {
      var before = h === block || (h.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (before && !h.closest(EXCLUDED) && (!ids || h.id in ids)) { found = h; }
    });
    return found;
  }

  /* The text directive: the whole text if short, else a few words at each end; enough words that
     the browser's first match (case-insensitive, from the top of the page) is this passage. */
  function directive(p) {
    var lower = p.text.toLowerCase();
    var earlier = squash(textUpTo(document.body, p.block, 0) + " " + p.before).toLowerCase();
    var words = p.text.split(" ");
    for (var n = 4; n * 2 < words.length; n++) {
      var first = words.slice(0, n).join(" "), last = words.slice(-n).join(" ");
      var firstLower = first.toLowerCase(), lastLower = last.toLowerCase();
      if (earlier.indexOf(firstLower) < 0 && lower.indexOf(lastLower, first.length) === lower.length - last.length) {
        return encode(first) + "," + encode(last);
      }
    }
    var prefix = "";
    if (earlier.indexOf(lower) >= 0 && p.before) {
      prefix = encode(p.before.split(" ").slice(-3).join(" ")) + "-,";
    }
    return prefix + encode(p.text);
  }

  function link(p) {
    var heading = headingOf(p.block);
    return location.origin + location.pathname + "#" + (heading ? heading.id : "") + ":~:text=" + directive(p);
  }

  function citation(p, url) {
    var node = document.getElementById("cite-box-data");
    var data = node ? JSON.parse(node.textContent) : {};
    var heading = headingOf(p.block, data);
    var entry = data[heading ? heading.id : Object.keys(data)[0]];
    return "\u201C" + p.text + "\u201D\n" + (entry ? entry.apa + "\n" : "") + url;
  }

  function act(kind) {
    if (!chosen) { return; }
    var url = link(chosen);
    var text = kind === "cite" ? citation(chosen, url) : url;
    window.editionCopy(text).then(function () {
      announce(kind === "cite" ? strings.passage_cited : strings.passage_link_copied + url);
    }, function () {
      announce(kind === "cite" ? strings.copy_failed : strings.link_copy_failed);
    });
  }

  function makeBar() {
    bar = document.createElement("div");
    bar.className = "passage-actions";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", strings.passage_actions);
    [["link", strings.passage_link], ["cite", strings.passage_cite]].forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-passage", item[0]);
      button.textContent = item[1];
      button.addEventListener("click", function () { act(item[0]); });
      bar.appendChild(button);
    });
    /* A press on the buttons must not clear the selection first. */
    bar.addEventListener("mousedown", function (event) { event.preventDefault(); });
    bar.addEventListener("pointerdown", function () { pressing = true; });
    document.addEventListener("pointerup", function () { window.setTimeout(function () { pressing = false; }, 400); });
    bar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); }
    });
  }

  function hide() {
    chosen = null;
    if (bar && bar.parentNode) {
      if (bar.contains(document.activeElement)) { document.activeElement.blur(); }
      bar.remove();
    }
  }

  /* Below the end of the selection, inside the article after the block (so Tab continues from there). */
  function show(p) {
    var wasShown = chosen !== null;
    chosen = p;
    if (!bar) { makeBar(); }
    var top = p.block;
    while (top.parentElement !== article) { top = top.parentElement; }
    if (top.nextSibling !== bar) { top.after(bar); }
    var rects = p.range.getClientRects();
    var last = rects[rects.length - 1] || p.range.getBoundingClientRect();
    bar.style.top = "0px";
    bar.style.left = "0px";
    var base = bar.getBoundingClientRect();
    var left = Math.min(last.right, document.documentElement.clientWidth - bar.offsetWidth - 8);
    bar.style.top = (last.bottom - base.top + 6) + "px";
    bar.style.left = Math.max(8, left - bar.offsetWidth / 2) - base.left + "px";
    if (!wasShown && Date.now() - (window.editionSelectKeyAt || 0) < 2000) { announce(strings.passage_hint); }
  }

  function update() {
    var p = passage();
    if (p) { show(p); } else if (!pressing && !(bar && bar.contains(document.activeElement))) { hide(); }
  }

  function init() {
    article = document.querySelector(".md-content article");
    if (!article || !window.getSelection) { return; }
    document.addEventListener("selectionchange", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 200);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && !event.shiftKey && chosen && bar.parentNode &&
          (!document.activeElement || document.activeElement === document.body)) {
        event.preventDefault();
        bar.querySelector("button").focus();
      }
    });
    window.addEventListener("resize", update);  /* phones resize as their address bar slides */
    update();  /* the selection that brought this script */
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
