/* Reading with the network gone, on every page with the box (overrides/partials/offline_box.html: every page of
   the latest release but the print page): registers the service worker (docs/assets/worker/service-worker.js,
   at the site's root) once the page has loaded, hands it the first page a reader opens (loaded before the worker
   controlled it), and shows the box. Everything else (saving, removing, what is stored, a new release's
   caches) is docs/assets/offline-reading.js, fetched once the worker controls the page (it is kept from then on)
   or when a reader asks to save on the first page: a first visit loads no more than the worker. */
(function () {
  "use strict";

  var edition = window.edition;
  /* The site's root: this script is bundled into assets/edition.js (hooks/edition/output/bundle.py). */
  var root = new URL("../", document.currentScript.src).href;

  edition.ready(function () {
    var box = document.getElementById("offline-box");
    if (!box || !("serviceWorker" in navigator) || !window.caches || !window.MessageChannel) { return; }
    var first = !navigator.serviceWorker.controller;
    var button = box.querySelector(".offline-save");
    button.addEventListener("click", function () {
      if (edition.offlineReading) { return; }  /* offline-reading.js answers the button once it is there */
      button.disabled = true;
      box.setAttribute("data-pending", "save");
      edition.load("offline-reading.js");
    });
    function register() {
      navigator.serviceWorker.register(root + "service-worker.js", { scope: root }).then(function () {
        box.hidden = false;
        if (first) {  /* this page and its files: the worker keeps them from the browser's HTTP cache */
          navigator.serviceWorker.ready.then(function (registration) {
            registration.active.postMessage({ action: "visited", urls: [location.href].concat(
              performance.getEntriesByType("resource").map(function (entry) { return entry.name; })) });
          });
        } else {
          edition.load("offline-reading.js");
        }
      }, function () { /* a browser that refuses workers here (a private window): no offline reading, no box */ });
    }
    /* after the page's own files, which a first visit needs first */
    if (document.readyState === "complete") { register(); } else { window.addEventListener("load", register); }
  });
})();
