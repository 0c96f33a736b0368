// Progressive enhancement only: every flow works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so screen-reader and keyboard users hear the problems first.
  var summary = document.querySelector('[data-autofocus]');
  if (summary) summary.focus();

  // Warn before leaving a page with unsaved changes.
  var forms = document.querySelectorAll('form[data-warn-unsaved]');
  var dirty = false;
  forms.forEach(function (form) {
    form.addEventListener('input', function () { dirty = true; });
    form.addEventListener('change', function () { dirty = true; });
    form.addEventListener('submit', function () { dirty = false; });
  });
  window.addEventListener('beforeunload', function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });
})();
