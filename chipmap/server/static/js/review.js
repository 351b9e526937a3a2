/* Review page: a verdict button posts to the API with the bearer token typed on the page, then reloads. */
(function () {
  "use strict";
  var token = document.getElementById("review-token");
  var status = document.getElementById("review-status");
  token.value = window.sessionStorage.getItem("chipmap-token") || "";
  document.querySelectorAll("button.verdict").forEach(function (button) {
    button.addEventListener("click", function () {
      var row = button.closest("tr");
      var id = row.dataset.candidate;
      window.sessionStorage.setItem("chipmap-token", token.value);
      status.textContent = "saving…";
      fetch("/api/v1/review/" + encodeURIComponent(id) + "/" + button.dataset.verdict, {
        method: "POST", headers: { "Authorization": "Bearer " + token.value }
      }).then(function (response) {
        if (response.ok) { window.location.reload(); return; }
        return response.json().then(function (body) {
          status.textContent = "not saved: " + (body.detail || response.status);
        });
      }).catch(function (error) { status.textContent = "not saved: " + error; });
    });
  });
})();
