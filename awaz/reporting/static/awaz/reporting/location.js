// "Use my location" on the "Where did it happen?" page: a progressive enhancement.
// Without JavaScript (or without geolocation) the page asks for a description or postcode.
(function () {
  "use strict";
  var box = document.querySelector("[data-awaz-location]");
  if (!box || !("geolocation" in navigator)) {
    return;
  }
  var form = box.closest("form");
  var lat = form && form.querySelector('input[name="lat"]');
  var lon = form && form.querySelector('input[name="lon"]');
  var button = box.querySelector("[data-awaz-location-button]");
  var status = box.querySelector("[data-awaz-location-status]");
  if (!lat || !lon || !button || !status) {
    return;
  }
  box.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = box.getAttribute("data-locating");
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        status.textContent = box.getAttribute("data-found");
        button.disabled = false;
      },
      function () {
        status.textContent = box.getAttribute("data-failed");
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
