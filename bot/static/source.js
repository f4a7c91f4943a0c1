// Scroll the highlighted passage of a source view into view and give it focus.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var target = document.getElementById("markering") || document.querySelector(".chunk.hit");
  if (!target) {
    return;
  }
  target.scrollIntoView({ block: "center" });
  if (!target.hasAttribute("tabindex")) {
    target.setAttribute("tabindex", "-1");
  }
  target.focus({ preventScroll: true });
});
