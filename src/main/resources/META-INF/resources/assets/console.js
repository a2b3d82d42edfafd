// The console's only script: the holds queue refreshes in place, and actions with consequences ask first.
(function () {
  'use strict';
  var REFRESH_MS = 5000;
  var rows = document.getElementById('hold-rows');
  if (rows) {
    var refresh = function () {
      fetch(rows.getAttribute('data-refresh'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (res) {
          // a login that expired answers with the login page: reload to log in again
          if (res.redirected || !res.ok) { if (res.redirected) { window.location.reload(); } return null; }
          return res.text();
        })
        .then(function (html) { if (html !== null && html !== undefined) { rows.innerHTML = html; rows.setAttribute('data-refreshed', String(Date.now())); } })
        .catch(function () { /* the next tick tries again */ })
        .finally(function () { setTimeout(refresh, REFRESH_MS); });
    };
    setTimeout(refresh, REFRESH_MS);
  }
  var review = document.getElementById('review-form');
  if (review) {
    review.addEventListener('submit', function (e) {
      var release = document.getElementById('action-release');
      var override = document.getElementById('override');
      if (release && release.checked && override) {
        if (!override.checked) {
          e.preventDefault();
          alert('This order was rejected by the rules. To release it, tick the override box and give your reason.');
          return;
        }
        if (!window.confirm('Override the REJECT and release this order? Your name and reason are audited.')) {
          e.preventDefault();
        }
      }
    });
  }
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
  });
})();
