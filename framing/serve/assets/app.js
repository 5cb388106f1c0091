// The framing page: talks to this server's /v1 API only; all text from the server is shown as text or in a
// sandboxed frame holding the server-rendered (escaped) report.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var tokenBox = $("token");
  tokenBox.value = sessionStorage.getItem("framing-token") || "";
  tokenBox.addEventListener("change", function () { sessionStorage.setItem("framing-token", tokenBox.value); });

  function headers(extra) {
    var h = extra || {};
    if (tokenBox.value) { h.Authorization = "Bearer " + tokenBox.value; }
    return h;
  }
  function targetsOf(value) {
    return value.split(",").map(function (t) { return t.trim(); }).filter(Boolean);
  }
  function showError(id, message) {
    var el = $(id);
    el.textContent = message || "";
    el.hidden = !message;
  }
  async function errorText(resp) {
    var body = await resp.text();
    try {
      var detail = JSON.parse(body).detail;
      if (Array.isArray(detail)) {
        return detail.map(function (d) { return (d.loc || []).join(".") + ": " + d.msg; }).join("; ");
      }
      return String(detail);
    } catch (e) {
      return resp.status + " " + resp.statusText;
    }
  }
  async function call(url, options) {
    options = options || {};
    options.headers = headers(options.headers);
    var resp = await fetch(url, options);
    if (!resp.ok) { throw new Error(await errorText(resp)); }
    return resp;
  }

  // tabs
  var tabs = document.querySelectorAll("nav [role=tab]");
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function () {
      tabs.forEach(function (t) {
        t.setAttribute("aria-selected", t === tab ? "true" : "false");
        $(t.getAttribute("data-panel")).hidden = t !== tab;
      });
    });
  });

  // analyse: paste, choose or drop a file
  var article = $("article");
  var dropped = null;
  article.addEventListener("dragover", function (ev) { ev.preventDefault(); article.classList.add("drop"); });
  article.addEventListener("dragleave", function () { article.classList.remove("drop"); });
  article.addEventListener("drop", function (ev) {
    ev.preventDefault();
    article.classList.remove("drop");
    if (ev.dataTransfer.files.length) {
      dropped = ev.dataTransfer.files[0];
      article.value = "";
      article.placeholder = "File: " + dropped.name;
    }
  });
  $("analyze-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    showError("analyze-error", "");
    var frame = $("report");
    var file = $("article-file").files[0] || dropped;
    var targets = targetsOf($("targets").value);
    try {
      var resp;
      if (file && !article.value.trim()) {
        var q = new URLSearchParams({ format: "html", text_format: "auto" });
        targets.forEach(function (t) { q.append("target", t); });
        resp = await call("/v1/analyze?" + q.toString(), {
          method: "POST", headers: { "Content-Type": "text/plain" }, body: await file.arrayBuffer()
        });
      } else {
        resp = await call("/v1/analyze?format=html", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: article.value, targets: targets.length ? targets : null })
        });
      }
      frame.srcdoc = await resp.text();
      frame.hidden = false;
    } catch (e) {
      showError("analyze-error", e.message);
    }
  });

  // compare two articles
  $("compare-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    showError("compare-error", "");
    var targets = targetsOf($("compare-targets").value);
    try {
      var resp = await call("/v1/compare?format=html", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          articles: [
            { text: $("article-a").value, label: $("label-a").value || "A" },
            { text: $("article-b").value, label: $("label-b").value || "B" }
          ],
          targets: targets.length ? targets : null
        })
      });
      var frame = $("comparison");
      frame.srcdoc = await resp.text();
      frame.hidden = false;
    } catch (e) {
      showError("compare-error", e.message);
    }
  });

  // corpus: upload, progress, summary, downloads
  function fmt(x) { return x === null || x === undefined ? "–" : Number(x).toFixed(2); }
  async function blobUrl(url) {
    var resp = await call(url);
    return URL.createObjectURL(await resp.blob());
  }
  function link(id, url, name) {
    var a = $(id);
    a.setAttribute("download", name);
    if (!tokenBox.value) { a.href = url; return; }
    a.href = "#";
    a.onclick = async function (ev) {
      if (a.getAttribute("data-ready")) { return; }
      ev.preventDefault();
      a.href = await blobUrl(url);
      a.setAttribute("data-ready", "1");
      a.click();
    };
  }
  async function finish(id, status) {
    var s = status.summary || {};
    $("job-summary").textContent = s.rows + " rows: " + s.ok + " scored, " + s.empty + " empty, " + s.skipped +
      " skipped; " + s.sentences + " sentences.";
    var corpus = await (await call("/v1/jobs/" + id + "/corpus")).json();
    var body = $("corpus-table").querySelector("tbody");
    body.textContent = "";
    corpus.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      [r[corpus.by], r.target, r.n_articles,
       fmt(r.stance_mean) + " [" + fmt(r.stance_ci_lo) + ", " + fmt(r.stance_ci_hi) + "]",
       fmt(r.loaded_all_mean)].forEach(function (v) {
        var td = document.createElement("td");
        td.textContent = v === null || v === undefined ? "–" : String(v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    try {
      var img = $("corpus-plot");
      img.src = await blobUrl("/v1/jobs/" + id + "/plot.png");
      img.hidden = false;
    } catch (e) {
      showError("batch-error", e.message);
    }
    link("download-articles", "/v1/jobs/" + id + "/result?table=articles&format=jsonl", "articles.jsonl");
    link("download-sentences", "/v1/jobs/" + id + "/result?table=sentences&format=jsonl", "sentences.jsonl");
    $("job-done").hidden = false;
  }
  async function poll(id) {
    var status = await (await call("/v1/jobs/" + id)).json();
    $("job-progress").value = status.progress;
    $("job-state").textContent = status.state + ": " + status.rows_done + " of " + (status.rows_total || "?") + " rows";
    if (status.state === "done") { await finish(id, status); return; }
    if (status.state === "failed") { showError("batch-error", status.error); return; }
    setTimeout(function () { poll(id).catch(function (e) { showError("batch-error", e.message); }); }, 400);
  }
  $("batch-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    showError("batch-error", "");
    $("job-done").hidden = true;
    var file = $("corpus-file").files[0];
    if (!file) { showError("batch-error", "choose a CSV or JSONL file first"); return; }
    var form = new FormData();
    form.append("file", file);
    form.append("text_column", $("text-column").value || "text");
    if ($("group-column").value) { form.append("group_column", $("group-column").value); }
    try {
      var job = await (await call("/v1/batch", { method: "POST", body: form })).json();
      $("job").hidden = false;
      $("job").setAttribute("data-job", job.id);
      await poll(job.id);
    } catch (e) {
      showError("batch-error", e.message);
    }
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
