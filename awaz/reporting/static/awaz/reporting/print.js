// "Print this page" on the confirmation page: shown only when JavaScript can print.
(function () {
  "use strict";
  var box = document.querySelector("[data-awaz-print]");
  var button = box && box.querySelector("[data-awaz-print-button]");
  if (!box || !button || typeof window.print !== "function") {
    return;
  }
  box.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
