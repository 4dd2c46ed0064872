// Draws a report's area boundary (vector only) on the report page. The page says the same
// in words, so nothing is lost without JavaScript. Tiles only when the site sets a tile URL.
(function () {
  "use strict";
  var element = document.getElementById("report-area-map");
  if (!element || typeof window.L === "undefined") {
    return;
  }
  var source = document.getElementById(element.getAttribute("data-geojson-id"));
  if (!source) {
    return;
  }
  var boundary = JSON.parse(source.textContent);
  var tileUrl = element.getAttribute("data-tile-url");
  element.hidden = false;
  var map = window.L.map(element, {
    scrollWheelZoom: false,
    attributionControl: Boolean(tileUrl),
  });
  if (tileUrl) {
    window.L.tileLayer(tileUrl, {
      maxZoom: 18,
      attribution: element.getAttribute("data-tile-attribution") || "",
    }).addTo(map);
  }
  var layer = window.L.geoJSON(boundary, {
    style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.1 },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [12, 12] });
})();
