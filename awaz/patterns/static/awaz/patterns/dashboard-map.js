// The patterns dashboard's map: a Leaflet vector choropleth of incidents by area (shading
// classes and hot-spot outlines come from the stylesheet), from the json_script block named
// by data-source. The same figures are in the tables below it, so without JavaScript
// nothing is lost. Tiles only when the site sets a tile URL.
(function () {
  "use strict";
  var element = document.getElementById("dashboard-map");
  if (!element || typeof window.L === "undefined") {
    return;
  }
  var source = document.getElementById(element.getAttribute("data-source"));
  if (!source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.boundaries || !data.boundaries.features.length) {
    return;
  }
  var tileUrl = element.getAttribute("data-tile-url");
  element.hidden = false;
  var legend = document.getElementById("dashboard-map-legend");
  if (legend) {
    legend.hidden = false;
  }
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

  function areaOf(feature) {
    return data.areas[feature.properties.code] || { shade: 0, spot: "", label: "" };
  }

  var layer = window.L.geoJSON(data.boundaries, {
    style: function (feature) {
      var area = areaOf(feature);
      var classes = "awaz-choropleth awaz-choropleth--" + area.shade;
      if (area.spot) {
        classes += " awaz-choropleth--" + area.spot;
      }
      return { className: classes };
    },
    onEachFeature: function (feature, path) {
      var area = areaOf(feature);
      if (area.label) {
        // Text, never HTML: area names come from imported data.
        var label = document.createElement("span");
        label.textContent = area.label;
        path.bindTooltip(label, { sticky: true });
      }
    },
  }).addTo(map);
  // Hot spots on top, so their outlines are not hidden by a neighbour's.
  layer.eachLayer(function (path) {
    if (areaOf(path.feature).spot) {
      path.bringToFront();
    }
  });
  map.fitBounds(layer.getBounds(), { padding: [12, 12] });
  // The map now shows the figures; their table stays one click away.
  var details = document.querySelector("details[data-map-table]");
  if (details) {
    details.open = false;
  }
})();
