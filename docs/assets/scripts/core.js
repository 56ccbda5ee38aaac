/* What every script of the edition shares, as window.edition; first in the bundle
   (hooks/edition/output/bundle.py), so the bundled scripts and the ones fetched on demand can use it.
   Every script is deferred (hooks/edition/output/script_loading.py) or fetched after the document is
   parsed: the document is complete when they run, and none needs to wait for it.
   The address and the selection are the reader's (or anyone's who sends them a link): decoded without
   throwing, looked up only among the page's own IDs and keys, never used as a replacement pattern. */
(function () {
  "use strict";

  var ANNOUNCE_MS = 2500;  /* how long a confirmation stays on screen */
  /* Headings that name a section (the anchor contract: every heading has an ID). */
  var HEADINGS = "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]";
  var live = null, liveTimer = 0;

  var edition = window.edition = {
    /* The edition's own boxes and any navigation inside the article: no section starts in them, no passage. */
    FURNITURE: ".cite-box, .sidenotes, .passage-actions, nav",

    /* The page's own key, never one an object inherits ("toString", "__proto__"). */
    has: function (object, key) {
      return Object.prototype.hasOwnProperty.call(object, key);
    },

    /* The data of the page's JSON block <script type="application/json" id="...">, else {}. */
    data: function (id) {
      var node = document.getElementById(id);
      return node ? JSON.parse(node.textContent) : {};
    },

    /* The text of a fragment of the edition's own markup (an APA citation with its italics): what is copied.
       Parsed as an inert document: nothing in it loads or runs. */
    text: function (markup) {
      return new DOMParser().parseFromString(markup, "text/html").body.textContent;
    },

    /* ``text`` with its first ``find`` replaced by ``value`` taken literally ("$&" stays "$&"). */
    replaceOnce: function (text, find, value) {
      var at = text.indexOf(find);
      return at < 0 ? text : text.slice(0, at) + value + text.slice(at + find.length);
    },

    /* The ID the address's #fragment names if it is an element of this page, else "" (also for a
       fragment that is not valid percent-encoding, such as "#%"). */
    hashId: function () {
      var id;
      try {
        id = decodeURIComponent(location.hash.slice(1));
      } catch (error) {
        return "";
      }
      return id && document.getElementById(id) ? id : "";
    },

    article: function () {
      return document.querySelector(".md-content article");
    },

    /* The article's section headings, in document order. */
    headings: function () {
      var article = edition.article();
      return article ? Array.prototype.filter.call(article.querySelectorAll(HEADINGS), function (heading) {
        return !heading.closest(edition.FURNITURE);
      }) : [];
    },

    /* The heading of the section ``node`` is in (the last heading at or before it that ``accept``s, if
       given), or null. */
    sectionOf: function (node, accept) {
      var found = null;
      edition.headings().forEach(function (heading) {
        var before = heading === node || heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING;
        if (before && (!accept || accept(heading))) { found = heading; }
      });
      return found;
    },

    copy: function (text) {
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
        var copied = document.execCommand("copy");
        area.remove();
        if (copied) { resolve(); } else { reject(new Error("copy refused")); }
      });
    },

    /* One live region for the page's confirmations (copied links, citations, passages): visible for a
       moment, read out by screen readers. */
    announce: function (message, duration) {
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
      liveTimer = window.setTimeout(function () { live.classList.remove("is-shown"); }, duration || ANNOUNCE_MS);
    },

    /* Runs a script's start; if it fails, the error is reported (as uncaught) and the others still start. */
    ready: function (start) {
      try {
        start();
      } catch (error) {
        window.setTimeout(function () { throw error; });
      }
    }
  };

  /* The interface words of the page's language (hooks/edition/strings.yml, keys under script:). */
  edition.strings = edition.data("edition-strings");
})();
