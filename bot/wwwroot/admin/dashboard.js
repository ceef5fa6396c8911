// Draws the dashboard's charts from /admin/insights; every figure is also in a table on the page for screen readers.
(function () {
  'use strict';
  var main = document.getElementById('dashboard');
  if (!main || !window.Chart || !main.dataset.from) {
    return;
  }

  // Colours with at least 3:1 contrast against white, told apart by more than hue alone (order and labels).
  var blue = '#005a9f';
  var amber = '#b35c00';
  var red = '#b00020';
  var grey = '#595959';

  function bar(id, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }

    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: Object.assign({ animation: false, responsive: true, plugins: { legend: { position: 'bottom' } } }, options)
    });
  }

  var query = '?from=' + encodeURIComponent(main.dataset.from) + '&to=' + encodeURIComponent(main.dataset.to);
  fetch('/admin/insights' + query, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (figures) {
      var days = figures.days.map(function (day) { return day.day; });
      function series(name) { return figures.days.map(function (day) { return day.figures[name]; }); }
      bar('chart-outcomes', days, [
        { label: 'Beantwortet', data: series('answered'), backgroundColor: blue },
        { label: 'Nachgefragt', data: series('askedBack'), backgroundColor: amber },
        { label: 'Keine sichere Antwort', data: series('abstained'), backgroundColor: red }
      ], { aspectRatio: 3, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } });
      bar('chart-handoffs', figures.handoffReasons.map(function (reason) { return reason.reason; }), [
        { label: 'Übergaben', data: figures.handoffReasons.map(function (reason) { return reason.count; }), backgroundColor: grey }
      ], { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
      bar('chart-services', figures.topServices.map(function (service) { return service.title || service.serviceId; }), [
        { label: 'Antworten', data: figures.topServices.map(function (service) { return service.answers; }), backgroundColor: blue }
      ], { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } });
    })
    .catch(function () {
      main.classList.add('charts-unavailable');
    });
})();
