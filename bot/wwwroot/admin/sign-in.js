// Signs staff in with the agent desk's local accounts, then shows the dashboard.
(function () {
  'use strict';
  var form = document.getElementById('admin-sign-in');
  if (!form) {
    return;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    fetch('/api/agent/signin', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: form.elements.name.value, password: form.elements.password.value })
    }).then(function (response) {
      if (response.ok) {
        window.location.reload();
      } else {
        document.getElementById('sign-in-error').hidden = false;
      }
    });
  });
})();
