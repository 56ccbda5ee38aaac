/* See overrides/partials/version_banner.html ("Laporkan kesalahan"). */
(function () {
  var picked, link = ".report-error-link";
  function pick() {
    var sel = getSelection(), text = String(sel).replace(/\s+/g, " ").trim(), id = "", i = 0;
    var main = document.querySelector("article"), hs = main.querySelectorAll("h1[id],h2[id],h3[id],h4[id]");
    if (!text || !main.contains(sel.anchorNode)) { return; }
    for (; i < hs.length && hs[i].compareDocumentPosition(sel.anchorNode) & 4; i++) { id = i ? "#" + hs[i].id : ""; }
    return { text: text.slice(0, 500), id: id };
  }
  addEventListener("pointerdown", function (e) { picked = e.target.closest(link) && pick(); }, true);
  addEventListener("click", function (e) {
    var a = e.target.closest(link), p = picked || pick(), page, url, q;
    if (a) {
      page = a.dataset.pageUrl;
      url = page + (p ? p.id : location.hash);
      q = new URLSearchParams(a.dataset.query = a.dataset.query || a.search);
      q.set("title", q.get("title").replace(page, url));
      q.set("body", q.get("body").replace(page, url).replace("\n\n", p ? "\n\n> " + p.text + "\n\n" : "\n\n"));
      a.search = q;
    }
  });
})();
