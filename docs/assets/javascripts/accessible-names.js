/* Fixes to Material's landmarks, so that screen readers can tell them apart
 * (axe-core: aria-dialog-name, landmark-unique): the search dialog gets a
 * name; so does each navigation section that has its own index page
 * (navigation.indexes), which Material labels by an icon-only toggle; and
 * the copy button's bar on each code block stops being a navigation landmark
 * (ten unnamed "navigation" regions on one page are noise, not navigation);
 * the scrollable search results become a named region. Material adds those
 * bars as code blocks come into view (content.lazy), so new ones are watched
 * for. */
(function () {
  "use strict";

  function fixLandmarks() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", "Search");
    }
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      // A <label> may not carry aria-label itself: name the <nav> directly.
      if (label && title && !label.textContent.trim()) {
        nav.setAttribute("aria-label", title.textContent.trim());
        nav.removeAttribute("aria-labelledby");
      }
    });
    // The search results scroll by keyboard (tabindex="0"): a named region
    // is a role that may take focus (axe: focus-order-semantics).
    document.querySelectorAll(".md-search__scrollwrap[tabindex]:not([role])").forEach(function (box) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Search results");
    });
    unlistCodeBars();
  }

  function unlistCodeBars() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (bar) {
      bar.setAttribute("role", "none");
    });
  }

  var content = document.querySelector(".md-content");
  if (content) {
    new MutationObserver(unlistCodeBars).observe(content, { childList: true, subtree: true });
  }

  if (window.document$) {
    window.document$.subscribe(fixLandmarks);
  } else {
    document.addEventListener("DOMContentLoaded", fixLandmarks);
  }
})();
