/* Boxes that scroll sideways (wide tables, code blocks, a row of tab
 * labels) take keyboard focus, so that a keyboard user can scroll them with
 * the arrow keys, and are announced as named regions (axe-core:
 * scrollable-region-focusable, focus-order-semantics, landmark-unique).
 * Material makes a wide code block focusable only where the pointer hovers
 * (matchMedia("(hover)") in mountCodeBlock, components/content/code/_/index.ts
 * of https://github.com/squidfunk/mkdocs-material), so not on a phone or a
 * tablet with a keyboard, and never a table's scrolling wrapper
 * (.md-typeset__scrollwrap): this script decides for every box. Firefox and
 * Chromium 130+ let Tab reach such a box on their own, unnamed; Safari does
 * not (https://developer.chrome.com/blog/keyboard-focusable-scrollers).
 *
 * Whether a box overflows is known only once the browser has laid it out.
 * Until then (skipped off screen by content-visibility, extra.css) a box
 * stays focusable, as docs/hooks/lazy_code_blocks.py makes code blocks
 * before Material mounts them: Tab must not pass over a wide one. Once laid
 * out, a box that fits leaves the tab order. */
(function () {
  "use strict";

  var BOXES = ".md-content .md-typeset__scrollwrap, .md-content pre > code, .md-content .tabbed-labels";
  var names = new WeakMap();

  function describe(box) {
    var table = box.querySelector("table");
    if (table) {
      var caption = table.querySelector("caption");
      if (caption) return caption.textContent.trim();
      var headers = Array.from(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      return "Table: " + headers.join(", ");
    }
    if (box.classList.contains("tabbed-labels")) {
      return "Tabs: " + Array.from(box.children, function (label) {
        return label.textContent.trim();
      }).join(", ");
    }
    var block = box.closest(".highlight");
    var title = block && block.querySelector(".filename");
    if (title) return "Code: " + title.textContent.trim();
    var line = box.textContent.trim().split("\n")[0].replace(/\s+/g, " ");
    return "Code: " + (line.length > 40 ? line.slice(0, 39) + "…" : line);
  }

  /* Landmarks of one role need distinct names: a repeated one is numbered. */
  function nameAll(boxes) {
    var seen = new Map();
    boxes.forEach(function (box) {
      var name = describe(box);
      var count = (seen.get(name) || 0) + 1;
      seen.set(name, count);
      names.set(box, count > 1 ? name + " (" + count + ")" : name);
    });
  }

  function setIfChanged(box, attribute, value) {
    if (box.getAttribute(attribute) !== value) box.setAttribute(attribute, value);
  }

  function makeFocusable(box) {
    setIfChanged(box, "tabindex", "0");
    setIfChanged(box, "role", "region");
    setIfChanged(box, "aria-label", names.get(box));
  }

  function leaveTabOrder(box) {
    ["tabindex", "role", "aria-label"].forEach(function (attribute) {
      if (box.hasAttribute(attribute)) box.removeAttribute(attribute);
    });
  }

  /* A box's children are skipped while it (or a block around it) is off screen. */
  function laidOut(box) {
    var probe = box.firstElementChild || box;
    return !probe.checkVisibility || probe.checkVisibility({ contentVisibilityAuto: true });
  }

  function update(box) {
    if (!names.has(box) || !laidOut(box)) return;
    if (box.scrollWidth > box.clientWidth) {
      makeFocusable(box);
    } else if (box === document.activeElement) {
      // Focus reached it before its layout did: decide once focus moves on.
      box.addEventListener("blur", function () { update(box); }, { once: true });
    } else {
      leaveTabOrder(box);
    }
  }

  var resized = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { update(entry.target); });
  });
  // Material sets or removes a code block's tabindex when it mounts the block.
  var retabbed = new MutationObserver(function (records) {
    records.forEach(function (record) { update(record.target); });
  });

  function watchBoxes() {
    var content = document.querySelector(".md-content");
    if (!content) return;
    var boxes = Array.from(content.querySelectorAll(BOXES));
    nameAll(boxes);
    boxes.forEach(function (box) {
      makeFocusable(box);
      resized.observe(box);
    });
    retabbed.observe(content, { subtree: true, attributeFilter: ["tabindex"] });
  }

  // Material wraps tables in their scrolling box as it mounts the page.
  if (window.document$) {
    window.document$.subscribe(watchBoxes);
  } else {
    document.addEventListener("DOMContentLoaded", watchBoxes);
  }
})();
