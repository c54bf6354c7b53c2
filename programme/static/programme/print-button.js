// The agenda's "Print" button; a static file because the Content-Security-Policy
// allows no inline script or event handler.
document.querySelectorAll("[data-print-button]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
