// The check-in desk's camera: qr-scanner (served from node_modules) reads a badge's QR
// code and posts its token through the same form a hand scanner types into. Without a
// camera, or without this script, the form works as it is.
(function () {
  "use strict";
  const form = document.getElementById("badge-form");
  if (!form || !navigator.mediaDevices) {
    return;
  }
  const input = document.getElementById("badge-token");
  const video = document.getElementById("camera-video");
  const start = document.getElementById("camera-start");
  const stop = document.getElementById("camera-stop");
  const status = document.getElementById("camera-status");
  // The camera stays on from one scan to the next page (each scan reloads the desk).
  const KEY = "idm-check-in-camera";

  import(form.dataset.qrScanner).then(function (module) {
    const QrScanner = module.default;
    let scanner = null;

    function show(running) {
      start.hidden = running;
      stop.hidden = !running;
      video.hidden = !running;
    }

    function turnOn() {
      scanner = scanner || new QrScanner(
        video,
        function (result) {
          scanner.stop();
          input.value = result.data;
          status.textContent = form.dataset.sending;
          form.requestSubmit();
        },
        // No highlight overlay: it would draw with inline styles, which the CSP refuses.
        { returnDetailedScanResult: true }
      );
      scanner.start().then(function () {
        sessionStorage.setItem(KEY, "on");
        show(true);
      }).catch(function (error) {
        sessionStorage.removeItem(KEY);
        status.textContent = form.dataset.cameraError + " " + String(error);
        show(false);
      });
    }

    function turnOff() {
      sessionStorage.removeItem(KEY);
      if (scanner) {
        scanner.stop();
      }
      show(false);
      input.focus();
    }

    QrScanner.hasCamera().then(function (hasCamera) {
      if (!hasCamera) {
        return;
      }
      start.hidden = false;
      start.addEventListener("click", turnOn);
      stop.addEventListener("click", turnOff);
      if (sessionStorage.getItem(KEY) === "on") {
        turnOn();
      }
    });
  }).catch(function () {
    // No camera scanning then: the text field still takes a hand scanner's code.
  });
})();
