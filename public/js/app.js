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

  // Totals of typed table columns follow the typing (the server recomputes everything on saving).
  var lang = (document.documentElement.lang || 'nl').slice(0, 2);

  // Same reading as the server (parseMoney): "1.234,56", "1 234,56", "1234.56", "1.234" (thousands); null otherwise.
  function parseHundredths(text) {
    var s = String(text).replace(/[\u00a0\u202f€\s]/g, '');
    if (s === '') return 0;
    var negative = s.charAt(0) === '-';
    if (negative) s = s.slice(1);
    if (!/^[0-9][0-9.,]*$/.test(s)) return null;
    var commas = s.split(',').length - 1;
    var dots = s.split('.').length - 1;
    var intPart = s;
    var frac = '';
    if (commas > 0 && dots > 0) {
      var dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
      var at = s.lastIndexOf(dec);
      intPart = s.slice(0, at).split(dec === ',' ? '.' : ',').join('');
      frac = s.slice(at + 1);
    } else if (commas === 1) {
      intPart = s.split(',')[0];
      frac = s.split(',')[1];
    } else if (dots === 1 && !/\.\d{3}$/.test(s)) {
      intPart = s.split('.')[0];
      frac = s.split('.')[1];
    } else if (commas > 1 || (dots > 0 && !/^\d{1,3}(\.\d{3})+$/.test(s))) {
      return null;
    } else {
      intPart = s.split('.').join('');
    }
    if (frac.length > 2 || !/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return null;
    var value = Number(intPart) * 100 + Number((frac + '00').slice(0, 2));
    return negative ? -value : value;
  }

  function format(hundredths, type) {
    var sign = hundredths < 0 ? '-' : '';
    var abs = Math.abs(hundredths);
    var whole = String(Math.floor(abs / 100));
    var rest = String(abs % 100).padStart(2, '0');
    if (type === 'count') return sign + String(abs / 100);
    if (type === 'money') {
      whole = whole.replace(/\B(?=(\d{3})+$)/g, lang === 'fr' ? '\u202f' : '.');
      return sign + whole + ',' + rest + ' €';
    }
    return sign + whole + ',' + rest + (type === 'percent' ? ' %' : '');
  }

  document.querySelectorAll('form[data-live-totals]').forEach(function (form) {
    form.addEventListener('input', function (event) {
      var match = /^t\.([^.]+)\.\d+\.(.+)$/.exec(event.target.name || '');
      if (!match) return;
      var cell = form.querySelector('[data-total="' + match[1] + '.' + match[2] + '"]');
      if (!cell) return;
      var type = cell.getAttribute('data-type');
      var total = 0;
      var valid = true;
      form.querySelectorAll('input[name^="t.' + match[1] + '."]').forEach(function (input) {
        var parts = input.name.split('.');
        if (parts[parts.length - 1] !== match[2]) return;
        var v = type === 'count' ? (/^\s*\d*\s*$/.test(input.value) ? Number(input.value || 0) * 100 : null) : parseHundredths(input.value);
        if (v === null) valid = false;
        else total += v;
      });
      cell.textContent = valid ? format(total, type) : '—';
    });
  });

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
