// Keeps every [data-render-status-url] panel current by polling its JSON status,
// so the page that asked for a PDF offers the download without a reload.
(function () {
  "use strict";
  var INTERVAL_MS = 1000;

  function show(el, visible) {
    if (el) { el.classList.toggle("d-none", !visible); }
  }

  function update(panel, state) {
    var label = panel.querySelector("[data-role=label]");
    label.textContent = state.label;
    label.className = "badge " + (state.status === "done" ? "text-bg-success"
      : state.status === "failed" ? "text-bg-danger" : "text-bg-secondary");
    var bar = panel.querySelector("[data-role=progress] .progress-bar");
    if (bar) {
      bar.classList.toggle("render-progress-running", state.status === "running");
      bar.classList.toggle("render-progress-queued", state.status !== "running");
    }
    show(panel.querySelector("[data-role=progress]"), !state.finished);
    show(panel.querySelector("[data-role=spinner]"), !state.finished);
    var error = panel.querySelector("[data-role=error]");
    error.textContent = state.error || "";
    show(error, Boolean(state.error));
    var download = panel.querySelector("[data-role=download]");
    if (state.download_url) { download.href = state.download_url; }
    show(download, state.status === "done");
    show(panel.querySelector("[data-role=stale]"), Boolean(state.stale));
    show(panel.querySelector("[data-role=retry]"), state.status === "failed" || Boolean(state.stale));
  }

  function poll(panel) {
    fetch(panel.dataset.renderStatusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (state) {
        update(panel, state);
        if (!state.finished) { window.setTimeout(function () { poll(panel); }, INTERVAL_MS); }
      })
      .catch(function () { window.setTimeout(function () { poll(panel); }, INTERVAL_MS * 5); });
  }

  document.querySelectorAll("[data-render-status-url]").forEach(function (panel) {
    if (panel.dataset.finished !== "true") { poll(panel); }
  });
})();
