/* "Laporkan kesalahan" (overrides/partials/version_banner.html) opens a new issue prefilled at build time
   with the page's address and version. At click time this names the section of the text the reader
   selected (else the section the address names) and quotes that text at the first blank line of the body,
   in an address GitHub accepts: at most URL_LIMIT characters, the quotation shortened if need be. */
(function () {
  "use strict";

  var edition = window.edition;
  var REPORT = ".report-error-link";
  var QUOTE_LIMIT = 500;  /* characters of the selected text quoted at most */
  var URL_LIMIT = 8000;   /* characters of the report's address: GitHub refuses longer ones */
  /* Bidirectional overrides and isolates: they would reorder the quoted words as the issue shows them. */
  var BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
  var built = new WeakMap();  /* report link -> its address as built, before a click changed it */
  var picked = null;

  /* At most ``length`` characters of ``text``, "…" last if cut (never after half of a surrogate pair); ""
     if not even one character and "…" fit. */
  function cut(text, length) {
    if (text.length <= length) { return text; }
    return length < 2 ? "" : text.slice(0, length - 1).replace(/[\uD800-\uDBFF]$/, "") + "\u2026";
  }

  /* The text selected in the article (squashed, QUOTE_LIMIT characters at most) and the ID of its section
     ("" in the page's first section: the page itself); null if nothing there is selected. */
  function selected() {
    var selection = window.getSelection();
    var text = String(selection || "").replace(BIDI_CONTROLS, "").replace(/\s+/g, " ").trim();
    var article = edition.article();
    if (!text || !article || !article.contains(selection.anchorNode)) { return null; }
    var heading = edition.sectionOf(selection.anchorNode);
    return { text: cut(text, QUOTE_LIMIT), id: heading && heading !== edition.headings()[0] ? heading.id : "" };
  }

  /* The address as built, naming ``section`` instead of the page and quoting ``quote``. */
  function address(built, page, section, quote) {
    var url = new URL(built), query = url.searchParams;
    var body = edition.replaceOnce(query.get("body") || "", page, section);
    query.set("title", edition.replaceOnce(query.get("title") || "", page, section));
    query.set("body", quote ? edition.replaceOnce(body, "\n\n", "\n\n> " + quote + "\n\n") : body);
    return url.href;
  }

  function report(link, choice) {
    if (!built.has(link)) { built.set(link, link.href); }
    var page = link.getAttribute("data-page-url");
    var id = choice ? choice.id : edition.hashId();
    var section = page + (id ? "#" + id : "");
    var quote = choice ? choice.text : "";
    var href = address(built.get(link), page, section, quote);
    while (href.length > URL_LIMIT && quote) {  /* shorter quotations (an encoded character takes up to 9) */
      quote = cut(quote, Math.floor(quote.length * URL_LIMIT / href.length));
      href = address(built.get(link), page, section, quote);
    }
    link.href = href.length > URL_LIMIT ? built.get(link) : href;
  }

  /* A press on the link may clear the selection before the click: it is taken first. */
  document.addEventListener("pointerdown", function (event) {
    picked = event.target.closest && event.target.closest(REPORT) ? selected() : null;
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(REPORT);
    if (link) {
      report(link, picked || selected());
      picked = null;
    }
  });
})();
