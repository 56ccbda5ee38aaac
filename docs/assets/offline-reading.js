/* What a reader saves for offline reading, fetched by docs/assets/scripts/offline.js (edition.load) once the
   service worker controls the page, or when a reader asks to save on the first page:

   - the box's button (overrides/partials/offline_box.html) saves the whole article in the page's language, as
     its manifest lists it (assets/offline-<language>.json, hooks/edition/output/offline.py), showing progress
     and then how many files and bytes it stored (as stored: Cache Storage keeps bodies uncompressed); once
     saved, the same button removes it;
   - the offline page (/luring/) lists what can be read offline (the worker's list);
   - an earlier release's caches are moved into the current release's: a saved language saved again from the
     new release's manifest; every other kept address fetched again (an address the release no longer has is
     dropped, one that cannot be fetched keeps its old copy); an empty cache is not carried over; then the old
     cache is deleted. This runs when a page is opened online under the worker of the page's own release (the
     box's data-version), and again when a new worker takes the page over.

   The caches are the worker's (docs/assets/worker/service-worker.js): "edition:<scope>:<kind>@<version>",
   compared exactly, never by prefix; the worker tells the scope, the version and the manifests ("settings"). */
(function () {
  "use strict";

  var edition = window.edition;
  var strings = edition.strings;
  var box = document.getElementById("offline-box");
  if (!box || edition.offlineReading) { return; }
  edition.offlineReading = true;
  var SAVED_HEADER = "X-Edition-Saved";  /* on the stored manifest: "<files> <bytes>" */
  var language = document.documentElement.lang;
  var button = box.querySelector(".offline-save");
  var status = box.querySelector(".offline-status");
  var saveLabel = button.textContent;
  var saved = false;

  /* Send the active worker ``message``; resolves with its answer. */
  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data || {}); };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  function cacheName(settings, kind) {
    return "edition:" + settings.scope + ":" + kind + "@" + settings.version;
  }

  /* {kind, version} of one of this scope's caches; null for any other cache of the origin. */
  function parse(settings, name) {
    var own = "edition:" + settings.scope + ":";
    var rest = name.indexOf(own) === 0 ? name.slice(own.length) : "";
    var at = rest.lastIndexOf("@");
    return at > 0 && rest.indexOf(":") < 0 ? { kind: rest.slice(0, at), version: rest.slice(at + 1) } : null;
  }

  function keepable(response) {
    return response && response.ok && response.type === "basic" && !response.redirected;
  }

  /* Everything a language's manifest lists, fetched (each answer checked), then stored together in the current
     release's saved-<language>; resolves to {count, bytes}. ``progress(done, total)`` after each file. */
  function save(settings, saving, progress) {
    var root = new URL(settings.scope, location.href).href;
    var manifest = manifestUrl(settings, saving);
    return fetch(manifest, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) { throw new Error(manifest + ": HTTP " + response.status); }
      return response.json();
    }).then(function (urls) {
      urls = [manifest].concat(urls.map(function (url) { return new URL(url, root).href; }));
      var done = 0;
      return Promise.all(urls.map(function (url) {
        return fetch(url, { cache: "no-cache" }).then(function (response) {
          if (!keepable(response)) { throw new Error(url + ": HTTP " + response.status); }
          return response.arrayBuffer().then(function (body) {
            done += 1;
            if (progress) { progress(done, urls.length); }
            return { url: url, body: body, headers: response.headers };
          });
        });
      }));
    }).then(function (answers) {
      var result = { count: answers.length, bytes: 0 };
      answers.forEach(function (answer) { result.bytes += answer.body.byteLength; });
      return caches.open(cacheName(settings, "saved-" + saving)).then(function (cache) {
        return Promise.all(answers.map(function (answer, index) {
          var headers = new Headers(answer.headers);
          if (index === 0) { headers.set(SAVED_HEADER, result.count + " " + result.bytes); }  /* the manifest */
          return cache.put(answer.url, new Response(answer.body, { status: 200, headers: headers }));
        }));
      }).then(function () { return result; });
    });
  }

  /* The address of a language's manifest (stored first, with SAVED_HEADER, when the language is saved). */
  function manifestUrl(settings, saving) {
    return new URL(settings.manifests[saving], new URL(settings.scope, location.href)).href;
  }

  /* Whether the page's language is saved in the current release: {saved, count, bytes}. Looked up by the cache's
     name: caches.open would make an empty saved-<language> cache for a language never saved. */
  function savedState(settings) {
    var name = cacheName(settings, "saved-" + language);
    return caches.match(manifestUrl(settings, language), { cacheName: name }).then(function (response) {
      var numbers = response ? (response.headers.get(SAVED_HEADER) || "").split(" ").map(Number) : [];
      return numbers.length === 2 ? { saved: true, count: numbers[0], bytes: numbers[1] } : { saved: false };
    });
  }

  /* One earlier release's cache moved into the current release's (see above), then deleted. An empty one (what
     an earlier release made by merely looking whether a language was saved) is only deleted: nothing of it is
     made in the current release. A saved-<language> cache holding anything was saved by the reader (only
     ``save`` writes there): the language is saved again from the current manifest; if that fails, what it held
     is copied, its stored manifest kept as it was (with SAVED_HEADER), so that the next release tries again. */
  function move(settings, name, kind) {
    var saving = kind.indexOf("saved-") === 0 ? kind.slice("saved-".length) : "";
    return caches.open(name).then(function (old) {
      return old.keys().then(function (requests) {
        if (!requests.length) { return null; }
        var again = settings.manifests[saving] ? save(settings, saving).then(function () { return true; },
          function () { return false; }) : Promise.resolve(false);
        return again.then(function (resaved) {
          if (resaved) { return null; }
          var manifest = settings.manifests[saving] ? manifestUrl(settings, saving) : null;
          return caches.open(cacheName(settings, kind)).then(function (fresh) {
            function keepOld(request) {
              return old.match(request).then(function (copy) { return copy && fresh.put(request, copy); });
            }
            return Promise.all(requests.map(function (request) {
              return fresh.match(request).then(function (present) {
                if (present) { return null; }
                if (request.url === manifest) { return keepOld(request); }
                return fetch(request.url, { cache: "no-cache" }).then(function (response) {
                  if (keepable(response)) { return fresh.put(request, response); }
                  return response.status === 404 || response.status === 410 ? null : keepOld(request);
                }, function () { return keepOld(request); });
              });
            }));
          });
        });
      });
    }).then(function () { return caches.delete(name); });
  }

  /* Every earlier release's cache of this scope moved into the current release's. */
  function moveEarlier(settings) {
    return caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) {
        var found = parse(settings, name);
        return found && found.version !== settings.version ? move(settings, name, found.kind) : null;
      }));
    });
  }

  /* "1,1 MB" (or kB), in the page's language. */
  function size(bytes) {
    var mega = bytes >= 1e6;
    return new Intl.NumberFormat(language, {
      style: "unit", unit: mega ? "megabyte" : "kilobyte", maximumFractionDigits: 1
    }).format(bytes / (mega ? 1e6 : 1e3));
  }

  function fill(text, values) {
    Object.keys(values).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  /* The button and the status say whether the language is saved; the box says it too (data-saved, once known). */
  function show(state) {
    saved = state.saved;
    box.setAttribute("data-saved", String(saved));
    button.disabled = false;
    button.textContent = saved ? strings.offline_remove : saveLabel;
    status.textContent = saved ? fill(strings.offline_saved, { count: state.count, size: size(state.bytes) }) : "";
  }

  function toggle() {
    button.disabled = true;
    ask({ action: "settings" }).then(function (settings) {
      if (saved) {
        return caches.keys().then(function (names) {
          return Promise.all(names.filter(function (name) {
            var found = parse(settings, name);
            return found && found.kind === "saved-" + language;
          }).map(function (name) { return caches.delete(name); }));
        }).then(function () {
          show({ saved: false });
          status.textContent = strings.offline_removed;
        });
      }
      if (navigator.storage && navigator.storage.persist) { navigator.storage.persist(); }
      status.textContent = strings.offline_saving_start;
      return save(settings, language, function (done, total) {
        status.textContent = fill(strings.offline_saving, { done: done, total: total });
      }).then(function (result) {
        show({ saved: true, count: result.count, bytes: result.bytes });
      }, function () {
        show({ saved: false });
        status.textContent = strings.offline_failed;
      });
    });
  }

  /* The current state: earlier releases' caches moved, the button's state, the offline page's list. */
  function refresh() {
    return ask({ action: "settings" }).then(function (settings) {
      /* only by the worker of this page's own release: a page of a new release still served by the earlier
         release's worker (until the new one takes over: "controllerchange") would move the caches backwards */
      var current = navigator.onLine && settings.version === box.getAttribute("data-version");
      return (current ? moveEarlier(settings) : Promise.resolve()).then(function () {
        return savedState(settings);
      });
    }).then(show).then(function () {
      var library = document.getElementById("offline-library");
      return library && ask({ action: "list", language: language }).then(function (answer) {
        if (answer.ok) { library.innerHTML = answer.html; }
      });
    });
  }

  button.addEventListener("click", toggle);
  navigator.serviceWorker.addEventListener("controllerchange", refresh);  /* a new release's worker */
  refresh().then(function () {
    if (box.getAttribute("data-pending")) {  /* the reader pressed "save" before this script was there */
      box.removeAttribute("data-pending");
      if (!saved) { toggle(); }
    }
  });
})();
