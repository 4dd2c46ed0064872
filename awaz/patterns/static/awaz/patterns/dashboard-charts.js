// Draws the patterns dashboard's charts with Chart.js from the data the page already shows
// as tables (each chart's JSON is in a json_script block named by data-chart). Without
// JavaScript, or if Chart.js fails to load, the tables stay open and nothing is lost.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  // GOV.UK blue for this period; dark grey, dashed, for a year earlier.
  var COLOURS = ["#1d70b8", "#505a5f"];
  var reduceMotion =
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function datasets(spec) {
    return spec.series.map(function (series, i) {
      return {
        label: series.label,
        data: series.data,
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        borderDash: i > 0 ? [6, 4] : [],
        borderWidth: spec.type === "line" ? 2 : 0,
        pointRadius: spec.type === "line" ? 2 : 0,
      };
    });
  }

  function draw(holder) {
    var source = document.getElementById(holder.getAttribute("data-chart"));
    var canvas = holder.querySelector("canvas");
    if (!source || !canvas) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var horizontal = spec.type === "bar";
    var countAxis = { beginAtZero: true, ticks: { precision: 0 } };
    holder.hidden = false;
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets(spec) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 400 },
        plugins: { legend: { display: spec.series.length > 1 } },
        scales: horizontal ? { x: countAxis } : { y: countAxis },
      },
    });
    // The chart now shows the data; its table stays one click away.
    var section = holder.parentNode;
    var details = section && section.querySelector("details[data-chart-table]");
    if (details) {
      details.open = false;
    }
  }

  var holders = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < holders.length; i += 1) {
    draw(holders[i]);
  }
})();
