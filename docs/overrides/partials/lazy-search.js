/* Search loads when the reader first reaches for it (focus or click on the
 * search box, or a key that opens it), not with every page: its index and
 * worker weigh about a third of a page load, and most visits never search.
 * Material fetches the index with XMLHttpRequest and starts its worker as
 * soon as the page loads; both wait here for that first sign. Runs before
 * Material's bundle (docs/overrides/main.html). */
(function () {
  "use strict";

  var wanted = false;
  var waiting = [];

  function want() {
    if (!wanted) {
      wanted = true;
      waiting.splice(0).forEach(function (start) { start(); });
    }
  }

  function whenWanted(start) {
    if (wanted) {
      start();
    } else {
      waiting.push(start);
    }
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.isSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.isSearchIndex) {
      return send.apply(request, args);
    }
    whenWanted(function () { send.apply(request, args); });
  };

  // Until search is wanted, a stand-in takes the worker's place; it starts
  // the real one (fetched beside the index) and passes messages both ways.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/\/workers\/search\.[^/]*\.js$/.test(String(url))) {
      return new RealWorker(url, options);
    }
    var standIn = new EventTarget();
    var worker = null;
    var queued = [];
    whenWanted(function () {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queued.splice(0).forEach(function (message) { worker.postMessage(message); });
    });
    standIn.postMessage = function (message) {
      if (worker) {
        worker.postMessage(message);
      } else {
        queued.push(message);
      }
    };
    standIn.terminate = function () {
      if (worker) {
        worker.terminate();
      }
    };
    return standIn;
  };

  function inSearch(target) {
    return target instanceof Element && target.closest('.md-search, [for="__search"]');
  }
  document.addEventListener("focusin", function (event) {
    if (inSearch(event.target)) {
      want();
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (inSearch(event.target)) {
      want();
    }
  });
  document.addEventListener("keydown", function (event) {
    // Material's own keys for search: f, s and /.
    if (["f", "s", "/"].indexOf(event.key.toLowerCase()) >= 0) {
      want();
    }
  });
})();
