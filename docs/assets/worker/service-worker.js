/* The edition's service worker: the pages a reader opened stay readable with the network gone.

   hooks/edition/output/offline.py writes it to the site's root as service-worker.js (a worker's scope cannot be
   above its own folder, and the scope is the whole site), minified, with SETTINGS first:
     version    the release (CITATION.cff): every release writes a different file, which the browser installs;
     archived   the folder of archived releases ("v/"): never answered here, never stored;
     languages  language -> the prefix of its pages ("" for the original, "en/" for the translation);
     manifests  language -> the list of what "save for offline" stores (offline.py writes it);
     offline    the slug of the offline page ("luring/", under each language's prefix);
     words      language -> the words of the page shown for an address neither opened nor saved (strings.yml).
   docs/assets/scripts/offline.js registers it on the pages of the latest release; docs/assets/offline-reading.js
   (fetched when a reader saves or removes, or when an earlier release's caches are there) stores and removes
   what a reader saves, and moves an earlier release's caches into this one's.

   - Every request for the site's own pages and files goes to the network first (pages revalidated: "no-cache"),
     so that a reader online gets the latest release, and a copy of every answer is kept ("visited" cache);
     only the theme's files, whose names carry a hash of their content, are answered from a kept copy at once.
   - With the network gone (or, when a copy is kept, silent for TIMEOUT_MS: a connection that hangs), the kept
     copy answers. A page neither opened nor saved is answered by a kept page of its language (its offline page
     if kept, else its home, else any) whose title and article say what is missing, with a link to every page
     that can be read.
   - Caches are named "edition:<scope>:<kind>@<version>" (kinds: visited, saved-<language>), one set per
     release. The scope is in every name because Cache Storage is shared by every site of an origin (every
     project site of a github.io user); names are compared exactly (kindOf), never by prefix ("/upaya-iom/" is a
     prefix of "/upaya-iom/v/1.2.0/"), and only this scope's caches answer (caches.match would search them all).
     A lookup searches this release's caches first, then an earlier release's not yet moved.
   - Archived releases (<scope>v/...) are the network's alone: never answered from these caches, never kept in
     them, so that the latest never answers for an archived page, nor the reverse.
   - Messages: "settings" (what offline-reading.js needs to name the caches), "visited" (the first page a reader
     opens, loaded before this worker controlled it: kept from the browser's HTTP cache, not downloaded again),
     "list" (what can be read offline, as HTML, for the offline page).
   ES5, like the edition's other scripts (hooks/edition/output/minify.py). */
(function () {
  "use strict";

  var TIMEOUT_MS = 6000;  /* a copy kept here answers a network this slow (a connection that hangs) */
  var HASHED = /\.[0-9a-f]{8,}\.min\.(?:js|css)$/;  /* the theme's files, named by their content */
  var SCOPE = new URL("./", self.location.href).pathname;  /* the site's root path, e.g. /upaya-iom/ */
  var ARCHIVED = SCOPE + SETTINGS.archived;
  var OWN = "edition:" + SCOPE + ":";
  var CURRENT = "@" + SETTINGS.version;
  var HTML = { "Content-Type": "text/html; charset=utf-8" };

  function cacheName(kind) {
    return OWN + kind + "@" + SETTINGS.version;
  }

  /* "saved-en" of "edition:/upaya-iom/:saved-en@1.2.0"; null for a cache of another scope or site. */
  function kindOf(name) {
    var rest = name.indexOf(OWN) === 0 ? name.slice(OWN.length) : "";
    var at = rest.lastIndexOf("@");
    return at > 0 && rest.indexOf(":") < 0 ? rest.slice(0, at) : null;
  }

  function languageOf(path) {
    var found = null;
    Object.keys(SETTINGS.languages).forEach(function (language) {
      var prefix = SCOPE + SETTINGS.languages[language];
      if (path.indexOf(prefix) === 0 && (!found || prefix.length > found.prefix.length)) {
        found = { language: language, prefix: prefix };
      }
    });
    return found;
  }

  /* This scope's caches, the current release's first. */
  function ownCaches() {
    return caches.keys().then(function (names) {
      names = names.filter(function (name) { return kindOf(name) !== null; });
      return names.filter(function (name) { return name.slice(-CURRENT.length) === CURRENT; })
        .concat(names.filter(function (name) { return name.slice(-CURRENT.length) !== CURRENT; }));
    });
  }

  /* A kept answer for ``request`` (a URL or a Request), from this scope's caches only (caches.match alone would
     search every cache of the origin, other sites' too), each looked up by its name: a cache deleted since it
     was listed (an earlier release's, just moved) is passed over, not opened again (caches.open would make it
     anew, empty, and nothing would delete it). */
  function kept(request) {
    return ownCaches().then(function (names) {
      return names.reduce(function (found, name) {
        return found.then(function (response) {
          return response || caches.match(request, { cacheName: name });
        });
      }, Promise.resolve(undefined));
    });
  }

  /* Whether an answer may be kept: the site's own, complete, not a redirect (a kept redirect cannot answer
     a navigation). */
  function keepable(response) {
    return response && response.ok && response.type === "basic" && !response.redirected;
  }

  /* Nothing is kept once a later release's worker has replaced this one ("redundant"): that release's page moves
     this release's caches into its own and deletes them, and a copy kept after that would open this release's
     cache again, never to be deleted. */
  function keep(kind, url, response) {
    if (self.serviceWorker && self.serviceWorker.state === "redundant") { return Promise.resolve(); }
    return caches.open(cacheName(kind)).then(function (cache) { return cache.put(url, response); });
  }

  function withoutSearch(url) {
    return url.split("#")[0].split("?")[0];
  }

  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Every page kept in this scope's caches: [{path, cache, request}], the reader's language (``prefix``) first,
     then by address. An earlier release's cache found empty is deleted: one deleted since it was listed (moved)
     has just been opened again, empty, by this lookup. */
  function keptPages(prefix) {
    return ownCaches().then(function (names) {
      return Promise.all(names.map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.keys().then(function (requests) {
            if (!requests.length && name.slice(-CURRENT.length) !== CURRENT) {
              return caches.delete(name).then(function () { return []; });
            }
            return requests.map(function (request) { return { cache: cache, request: request }; });
          });
        });
      }));
    }).then(function (lists) {
      var seen = {}, pages = [];
      lists.forEach(function (list) {
        list.forEach(function (item) {
          var path = new URL(item.request.url).pathname;
          if (path.slice(-1) === "/" && !seen[path]) {
            seen[path] = true;
            pages.push({ path: path, cache: item.cache, request: item.request });
          }
        });
      });
      function rank(page) { return page.path.indexOf(prefix) === 0 && languageOf(page.path).prefix === prefix ? 0 : 1; }
      return pages.sort(function (a, b) {
        return rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
      });
    });
  }

  /* The list of what can be read without the network, as HTML: a link to every kept page, by its title. */
  function listing(prefix, words) {
    return keptPages(prefix).then(function (pages) {
      return Promise.all(pages.map(function (page) {
        return page.cache.match(page.request).then(function (response) { return response.text(); })
          .then(function (html) {
            var title = /<title>([^<]*?)(?: - [^<]*)?<\/title>/.exec(html);  /* without " - <site name>" */
            var language = /<html[^>]*\blang="([^"]*)"/.exec(html);
            return '<li><a href="' + escape(page.path) + '"' + (language ? ' lang="' + language[1] + '"' : "") +
              ">" + (title ? title[1] : escape(page.path)) + "</a></li>";
          });
      }));
    }).then(function (items) {
      return items.length ? '<ul class="offline-list">' + items.join("") + "</ul>" : "<p>" + escape(words.nothing) + "</p>";
    });
  }

  /* The answer for a page neither visited nor saved, in the language of its address: a kept page of that
     language (its offline page if kept, else its home, else any page) with its title and article replaced by
     what is missing and what can be read. Its relative addresses are made absolute (they were the kept page's),
     the theme's base and search worker too (resolved against the address bar); its skip link leads to the new text; its
     table of contents and previous/next links, which are the kept page's, are hidden; no navigation entry is
     marked as the current page. */
  function offlinePage(url) {
    var path = new URL(url).pathname;
    var found = languageOf(path) || { language: Object.keys(SETTINGS.languages)[0], prefix: SCOPE };
    var words = SETTINGS.words[found.language];
    return keptPages(found.prefix).then(function (pages) {
      var paths = pages.map(function (page) { return page.path; });
      var shell = [found.prefix + SETTINGS.offline, found.prefix].filter(function (candidate) {
        return paths.indexOf(candidate) >= 0;
      })[0] || paths[0];
      if (!shell) { return Response.error(); }
      var page = pages[paths.indexOf(shell)];
      var base = new URL(shell, self.location.href).href;
      return Promise.all([page.cache.match(page.request).then(function (r) { return r.text(); }),
                          listing(found.prefix, words)]).then(function (parts) {
        var content = '<style>.md-sidebar--secondary,.md-footer__inner{display:none}</style>' +
          '<div class="offline-page" id="offline-page" lang="' + found.language + '"><h1>' + escape(words.title) +
          "</h1><p>" + escape(words.missing).split("{address}").join("<code>" + escape(path) + "</code>") +
          ' <a href="' + escape(path) + '">' + escape(words.retry) + "</a></p><h2>" + escape(words.readable) +
          "</h2>" + parts[1] + "</div>";
        var html = parts[0].replace(/ (href|src)="(?![#/]|[a-z]+:)([^"]*)"/g, function (whole, name, relative) {
          var target = new URL(relative, base);
          return " " + name + '="' + target.pathname + target.search + target.hash + '"';
        }).replace(/("(?:base|search)":\s*")([^"]*)"/g, function (whole, start, relative) {
          return start + new URL(relative, base).pathname + '"';
        }).replace(/(<a href=")#[^"]*(" class="md-skip")/, "$1#offline-page$2")
          .replace(/<title>[^<]*<\/title>/, function () { return "<title>" + escape(words.title) + "</title>"; })
          .replace(/(<article\b[^>]*>)[\s\S]*<\/article>/, function (whole, open) {
            return open + content + "</article>";
          })
          .split("md-nav__link--active").join("");
        return new Response(html, { status: 200, headers: HTML });
      });
    });
  }

  /* The answer to a request for the site's own page or file. A file whose name carries a hash of its content
     (the theme's) never changes: a kept copy answers at once. Anything else goes to the network first (a page
     revalidated, "no-cache"), its answer kept; without an answer (or, when a copy is kept, with none after
     TIMEOUT_MS: a connection that hangs) the kept copy answers, and for a page kept nowhere, the offline page. */
  function answer(event) {
    var request = event.request;
    var page = request.mode === "navigate";
    var url = page ? withoutSearch(request.url) : request.url;
    var copy = kept(url);
    return copy.then(function (found) {
      if (found && HASHED.test(new URL(url).pathname)) { return found; }
      var network = fetch(request, page ? { cache: "no-cache" } : undefined);
      event.waitUntil(network.then(function (response) {
        return keepable(response) ? keep("visited", url, response.clone()) : null;
      }).catch(function () { return null; }));
      return new Promise(function (resolve, reject) {
        network.then(resolve, function (error) {
          if (found) { resolve(found); } else if (page) {
            offlinePage(url).catch(function () { return Response.error(); }).then(resolve);
          } else { reject(error); }
        });
        if (found) { setTimeout(function () { resolve(found); }, TIMEOUT_MS); }
      });
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
    if (url.pathname.indexOf(SCOPE) !== 0 || url.pathname.indexOf(ARCHIVED) === 0) { return; }
    if (request.cache === "only-if-cached" && request.mode !== "same-origin") { return; }
    event.respondWith(answer(event));
  });

  self.addEventListener("install", function () {
    self.skipWaiting();  /* pages are fetched network-first: the new release may serve the open tabs at once */
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(self.clients.claim());
  });

  self.addEventListener("message", function (event) {
    var data = event.data || {};
    var port = event.ports && event.ports[0];
    function reply(message) {
      if (port) { port.postMessage(message); }
    }
    if (data.action === "settings") {
      reply({ scope: SCOPE, version: SETTINGS.version, manifests: SETTINGS.manifests });
    } else if (data.action === "visited" && Array.isArray(data.urls)) {
      /* the first page and its files, loaded before this worker controlled the page: from the HTTP cache */
      event.waitUntil(Promise.all(data.urls.map(function (url) {
        var parsed = new URL(url, self.location.href);
        parsed.hash = "";
        if (parsed.origin !== self.location.origin || parsed.pathname.indexOf(SCOPE) !== 0 ||
            parsed.pathname.indexOf(ARCHIVED) === 0) { return null; }
        return fetch(parsed.href, { cache: "force-cache" }).then(function (response) {
          return keepable(response) ? keep("visited", parsed.href, response) : null;
        }, function () { return null; });
      })).then(function () { reply({ ok: true }); }));
    } else if (data.action === "list" && SETTINGS.words[data.language]) {
      event.waitUntil(listing(SCOPE + SETTINGS.languages[data.language], SETTINGS.words[data.language])
        .then(function (html) { reply({ ok: true, html: html }); }));
    }
  });
})();
