// The "Where to report" map: each listed reporting centre as a vector dot, over the outlines
// of the local authorities, from the json_script block named by data-source. The list below
// the map gives every centre in words, so without JavaScript nothing is lost. Tiles only when
// the site sets a tile URL. Selecting a dot goes to the centre's entry in the list.
(function () {
  "use strict";
  var element = document.getElementById("centres-map");
  if (!element || typeof window.L === "undefined") {
    return;
  }
  var source = document.getElementById(element.getAttribute("data-source"));
  if (!source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.centres || !data.centres.length) {
    return;
  }
  var tileUrl = element.getAttribute("data-tile-url");
  element.hidden = false;
  var map = window.L.map(element, {
    scrollWheelZoom: false,
    zoomSnap: 0.25,
    attributionControl: Boolean(tileUrl),
  });
  // Leaflet draws vector layers only on a map with a view: set it first, to show every
  // centre and the whole of the areas around them.
  var bounds = window.L.latLngBounds(
    data.centres.map(function (centre) {
      return [centre.lat, centre.lon];
    }),
  );
  var outlines = null;
  if (data.outlines && data.outlines.features.length) {
    outlines = window.L.geoJSON(data.outlines, {
      interactive: false,
      style: { color: "#505a5f", weight: 2, fill: false },
    });
    bounds.extend(outlines.getBounds());
  }
  map.fitBounds(bounds, { padding: [12, 12], maxZoom: 13 });
  if (tileUrl) {
    window.L.tileLayer(tileUrl, {
      maxZoom: 18,
      attribution: element.getAttribute("data-tile-attribution") || "",
    }).addTo(map);
  }
  if (outlines) {
    outlines.addTo(map);
  }

  function goTo(anchor) {
    var entry = document.getElementById(anchor);
    if (!entry) {
      return;
    }
    window.location.hash = anchor;
    entry.setAttribute("tabindex", "-1");
    entry.focus();
  }

  data.centres.forEach(function (centre) {
    var dot = window.L.circleMarker([centre.lat, centre.lon], {
      radius: 8,
      color: "#0b0c0c",
      weight: 2,
      fillColor: "#1d70b8",
      fillOpacity: 1,
    }).addTo(map);
    // Text, never HTML: names are typed by staff.
    var label = document.createElement("span");
    label.textContent = centre.name;
    dot.bindTooltip(label);
    dot.on("click", function () {
      goTo(centre.anchor);
    });
  });
})();
