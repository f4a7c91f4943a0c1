// Put the highlighted passage of a source view in the middle of the window, with the
// heading of its section still in view when both fit, and give it focus.
"use strict";
(function () {
  function target() {
    return document.getElementById("markering") || document.querySelector(".chunk.hit");
  }

  function place() {
    var node = target();
    if (!node) { return; }
    var row = node.closest(".chunk") || node;
    var section = row.closest(".section");
    var heading = section ? section.querySelector("h2") : null;
    var top = window.scrollY + row.getBoundingClientRect().top;
    var bottom = window.scrollY + row.getBoundingClientRect().bottom;
    var view = window.innerHeight;
    var y = (top + bottom) / 2 - view / 2;
    if (heading) {
      var headingTop = window.scrollY + heading.getBoundingClientRect().top - 8;
      // The heading says what the row is (which goal, "Indikatorer"): keep it on screen
      // unless that would push the row itself out of view.
      if (headingTop < y) { y = bottom - headingTop <= view - 16 ? headingTop : top - view / 3; }
    }
    window.scrollTo(0, Math.max(0, y));
    if (!node.hasAttribute("tabindex")) { node.setAttribute("tabindex", "-1"); }
    node.focus({ preventScroll: true });
  }

  document.addEventListener("DOMContentLoaded", place);
  // The browser jumps to the #c<n> anchor after loading, to the top edge: place it again.
  window.addEventListener("load", function () { window.requestAnimationFrame(place); });
}());
