// Planbot admin page: missed questions grouped. The token stays in this tab (sessionStorage).
"use strict";

(function () {
  var LABELS = { declined: "Inget svar", clarify: "Motfråga", dislike: "👎" };

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
  }

  function kinds(counts) {
    return Object.keys(counts).sort().map(function (k) { return (LABELS[k] || k) + " " + counts[k]; }).join(", ");
  }

  function request(format) {
    var token = document.getElementById("token").value.trim();
    var since = document.getElementById("since").value;
    window.sessionStorage.setItem("planbot.admin", token);
    var url = "/api/admin/questions?since=" + encodeURIComponent(since) + (format ? "&format=" + format : "");
    return fetch(url, { headers: { Authorization: "Bearer " + token } }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (body) { throw new Error(body.error || "Fel " + response.status); });
      }
      return response;
    });
  }

  function show(report) {
    var totals = Object.keys(report.totals).map(function (k) { return (LABELS[k] || k) + ": " + report.totals[k]; });
    document.getElementById("totals").textContent = totals.join(" · ");
    var groups = document.querySelector("#groups tbody");
    groups.textContent = "";
    report.groups.forEach(function (g) {
      var row = document.createElement("tr");
      cell(row, String(g.count));
      cell(row, g.question + (g.wordings.length > 1 ? " (+" + (g.wordings.length - 1) + " liknande)" : ""));
      cell(row, kinds(g.kinds));
      cell(row, g.documents.join(", "));
      cell(row, g.comments.join(" | "));
      groups.appendChild(row);
    });
    var documents = document.querySelector("#documents tbody");
    documents.textContent = "";
    report.documents.forEach(function (d) {
      var row = document.createElement("tr");
      cell(row, String(d.count));
      cell(row, d.document);
      cell(row, kinds(d.kinds));
      documents.appendChild(row);
    });
    document.getElementById("result").hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.getElementById("status");
    document.getElementById("token").value = window.sessionStorage.getItem("planbot.admin") || "";
    document.getElementById("filter").addEventListener("submit", function (event) {
      event.preventDefault();
      status.textContent = "Hämtar …";
      request("").then(function (r) { return r.json(); }).then(function (report) {
        show(report);
        status.textContent = report.misses.length + " frågor.";
      }).catch(function (err) { status.textContent = err.message; });
    });
    document.getElementById("export").addEventListener("click", function () {
      request("jsonl").then(function (r) { return r.blob(); }).then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "kandidatfragor.jsonl";
        document.body.appendChild(link);
        link.click();
        link.remove();
      }).catch(function (err) { status.textContent = err.message; });
    });
  });
}());
