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

  // The figures of a form (row figures, totals, computed fields, the settlement) follow the typing through the form
  // engine's own bundle, form-figures.js (ADR 0039).

  // "Stel deze waarde in voor alle talen" (OCMW-configuratie): copy in place; without JavaScript the button submits
  // and the server shows the page again with the value copied (nothing is saved before "Bewaren").
  document.querySelectorAll('button[data-copy-languages]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      var name = button.getAttribute('data-copy-languages');
      var match = /^(.+)(Nl|Fr|De)$/.exec(name || '');
      var form = button.form;
      if (!match || !form || !form.elements[name]) return;
      event.preventDefault();
      var value = form.elements[name].value;
      ['Nl', 'Fr', 'De'].forEach(function (l) {
        var input = form.elements[match[1] + l];
        if (!input || input.name === name) return;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      var status = form.querySelector('[data-copy-status]');
      if (status) status.textContent = status.getAttribute('data-copy-status');
    });
  });
})();
