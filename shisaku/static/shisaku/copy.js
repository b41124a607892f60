// Share pages: a button after each snippet copies it to the clipboard. Without JavaScript the
// snippet is still there to select and copy; the labels come from the page (data-copy-label,
// data-copied-label), so they are in its language.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const area of document.querySelectorAll("textarea.snippet[data-copy-label]")) {
    const button = document.createElement("button");
    const said = document.createElement("span");
    button.type = "button";
    button.textContent = area.dataset.copyLabel;
    said.setAttribute("role", "status");
    said.className = "copied";
    button.addEventListener("click", async () => {
      area.select();
      await navigator.clipboard.writeText(area.value);
      said.textContent = area.dataset.copiedLabel;
    });
    area.after(button, said);
  }
});
