// Signs staff in with a local account, then opens the page they came for.
(function () {
  'use strict';
  var form = document.getElementById('staff-sign-in');
  if (!form) {
    return;
  }

  var error = document.getElementById('sign-in-error');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    fetch('/api/staff/signin', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: form.elements.name.value, password: form.elements.password.value })
    }).then(function (response) {
      if (response.ok) {
        // The server only puts a path on this site here.
        window.location.assign(form.dataset.returnUrl || '/admin');
        return;
      }
      error.textContent = response.status === 429
        ? 'Zu viele Fehlversuche; bitte später noch einmal versuchen. (Too many failed attempts; please try again later.)'
        : 'Name oder Passwort ist falsch. (Name or password is wrong.)';
      error.hidden = false;
    });
  });
})();
