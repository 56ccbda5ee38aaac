/* Passage links: selecting a few words inside one block of the article offers "copy link to this
   passage" (page/#section-id:~:text=start,end, a text fragment that browsers scroll to and highlight;
   the section ID first, so a browser without text fragments still lands on the section) and "cite this
   passage" (the quotation, the section's APA reference from #cite-box-data, the link). Keyboard: after
   selecting, Tab reaches the buttons (announced); touch: they follow selectionchange.
   Fetched by load-on-demand.js on the first selection inside the article. */
(function () {
  "use strict";

  var edition = window.edition;
  var strings = edition.strings;
  var BLOCKS = "p, li, blockquote, dd, dt, td, th, figcaption, h1, h2, h3, h4, h5, h6";
  var WORD = /[\p{L}\p{N}]/u;
  var MIN_WORDS = 3;           /* a passage has at least this many words */
  var END_WORDS = 4;           /* words at each end of a long passage's text directive, at least */
  var DIRECTIVE_LIMIT = 2000;  /* characters of a text directive: longer, the link names the section only */
  var ANNOUNCE_MS = 3000;
  var UPDATE_MS = 200;         /* a selection settles for this long before the actions follow it */
  var PRESS_MS = 400;          /* a press on the actions lasts at least this long (touch) */
  var KEY_SELECTION_MS = 2000; /* a selection this soon after Shift+arrow was made by keyboard */
  var GAP = 8, OFFSET = 6;     /* px: the actions' distance from the screen's edge and below the selection */
  var article, bar, chosen = null, timer = 0, pressing = false;

  function announce(message) {
    edition.announce(message, ANNOUNCE_MS);
  }

  function blockOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    el = el && el.closest(BLOCKS);
    return el && article.contains(el) && !el.closest(edition.FURNITURE) ? el : null;
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
    if (text.split(" ").length < MIN_WORDS) { return null; }
    return { block: block, text: text, before: squash(full.slice(0, start)), range: range.cloneRange() };
  }

  function encode(text) { return encodeURIComponent(text).replace(/-/g, "%2D"); }

  /* The text directive: the whole text if short, else a few words at each end; enough words that
     the browser's first match (case-insensitive, from the top of the page) is this passage. "" if it
     would be longer than DIRECTIVE_LIMIT. */
  function directive(p) {
    var lower = p.text.toLowerCase();
    var earlier = squash(textUpTo(document.body, p.block, 0) + " " + p.before).toLowerCase();
    var words = p.text.split(" ");
    for (var n = END_WORDS; n * 2 < words.length; n++) {
      var first = words.slice(0, n).join(" "), last = words.slice(-n).join(" ");
      var ends = encode(first) + "," + encode(last);
      if (ends.length > DIRECTIVE_LIMIT) { break; }
      var lastLower = last.toLowerCase();
      if (earlier.indexOf(first.toLowerCase()) < 0 &&
          lower.indexOf(lastLower, first.length) === lower.length - last.length) { return ends; }
    }
    var prefix = "";
    if (earlier.indexOf(lower) >= 0 && p.before) {
      prefix = encode(p.before.split(" ").slice(-MIN_WORDS).join(" ")) + "-,";
    }
    var whole = prefix + encode(p.text);
    return whole.length > DIRECTIVE_LIMIT ? "" : whole;
  }

  /* The passage's address: its section's, with the text directive if it is not too long. */
  function link(p) {
    var heading = edition.sectionOf(p.block);
    var text = directive(p);
    return location.origin + location.pathname + "#" + (heading ? heading.id : "") + (text ? ":~:text=" + text : "");
  }

  /* The quotation, the APA reference of the section the cite box cites it in, and the link. */
  function citation(p, url) {
    var data = edition.data("cite-box-data");
    var heading = edition.sectionOf(p.block, function (h) { return edition.has(data, h.id); });
    var entry = data[heading ? heading.id : Object.keys(data)[0]];
    return "\u201C" + p.text + "\u201D\n" + (entry ? edition.text(entry.apa_html) + "\n" : "") + url;
  }

  function act(kind) {
    if (!chosen) { return; }
    var url = link(chosen);
    var text = kind === "cite" ? citation(chosen, url) : url;
    edition.copy(text).then(function () {
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
    document.addEventListener("pointerup", function () { window.setTimeout(function () { pressing = false; }, PRESS_MS); });
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
    var left = Math.min(last.right, document.documentElement.clientWidth - bar.offsetWidth - GAP);
    bar.style.top = (last.bottom - base.top + OFFSET) + "px";
    bar.style.left = Math.max(GAP, left - bar.offsetWidth / 2) - base.left + "px";
    if (!wasShown && Date.now() - (edition.selectKeyAt || 0) < KEY_SELECTION_MS) { announce(strings.passage_hint); }
  }

  function update() {
    var p = passage();
    if (p) { show(p); } else if (!pressing && !(bar && bar.contains(document.activeElement))) { hide(); }
  }

  edition.ready(function () {
    article = edition.article();
    if (!article || !window.getSelection) { return; }
    document.addEventListener("selectionchange", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, UPDATE_MS);
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
  });
})();
