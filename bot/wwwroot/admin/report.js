// The print button of the council report (no inline handlers under the content security policy).
(function () {
  'use strict';
  var button = document.getElementById('print-report');
  if (button) {
    button.addEventListener('click', function () { window.print(); });
  }
})();
