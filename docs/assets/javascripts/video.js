/* Turns each video facade (see docs/hooks/video_facade.py) into a play button
 * that loads the youtube-nocookie.com player only when the reader asks.
 * Material emits document$ on every page load (and on instant navigation),
 * so the facades of each new page are bound. */
(function () {
  "use strict";

  function play(facade, poster) {
    var id = facade.dataset.videoId;
    var iframe = document.createElement("iframe");
    iframe.src = "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(id) + "?autoplay=1";
    iframe.title = facade.dataset.playerTitle;
    iframe.allow = "autoplay; encrypted-media; picture-in-picture";
    iframe.allowFullscreen = true;
    poster.replaceWith(iframe);
    iframe.focus();
  }

  function bind(facade) {
    var poster = facade.querySelector(".video-facade__poster");
    if (!poster || facade.dataset.bound) {
      return;
    }
    facade.dataset.bound = "true";
    // No aria-label: the button's name is its visible text (WCAG 2.5.3).
    poster.setAttribute("role", "button");
    poster.querySelector(".video-facade__note").textContent = facade.dataset.where;
    poster.addEventListener("click", function (event) {
      // Ctrl/Cmd/Shift-click or middle-click: let the browser open YouTube.
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      play(facade, poster);
    });
    poster.addEventListener("keydown", function (event) {
      // A link answers Enter only; a button also answers Space.
      if (event.key === " ") {
        event.preventDefault();
        play(facade, poster);
      }
    });
  }

  function bindAll() {
    document.querySelectorAll(".video-facade[data-video-id]").forEach(bind);
  }

  if (window.document$) {
    window.document$.subscribe(bindAll);
  } else {
    document.addEventListener("DOMContentLoaded", bindAll);
  }
})();
