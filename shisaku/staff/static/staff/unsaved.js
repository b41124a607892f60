// Ask before leaving a page whose forms hold typed text that is not saved yet.
// Progressive enhancement: forms marked data-guard are watched; a form the server sent back
// with what was typed (data-unsaved: refused, nothing saved) counts as changed from the start.
// Submitting a form lets the page go for that form's sake only: the other forms still count.
(function () {
  "use strict";
  var guarded = document.querySelectorAll("form[data-guard]");
  if (!guarded.length) {
    return;
  }
  var sending = null;

  function selectChanged(select) {
    var initial = 0;
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].defaultSelected) {
        initial = i;
      }
    }
    return select.selectedIndex !== initial;
  }

  function fieldChanged(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
      return false;
    }
    if (field.tagName === "SELECT") {
      return selectChanged(field);
    }
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    return "defaultValue" in field && field.value !== field.defaultValue;
  }

  function changed(form) {
    if (form.hasAttribute("data-unsaved")) {
      return true;
    }
    return Array.prototype.some.call(form.elements, fieldChanged);
  }

  document.addEventListener("submit", function (event) {
    sending = event.target;
  });
  window.addEventListener("beforeunload", function (event) {
    var unsaved = Array.prototype.some.call(guarded, function (form) {
      return form !== sending && changed(form);
    });
    sending = null;
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
