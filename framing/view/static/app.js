/* The page of `framing serve`: sends the Text to the API, shows the result with the
 * document view, rewrites occurrences, and keeps the settings in the URL.
 * The text is sent only by POST to this server; it never goes into the URL. */
"use strict";

(function () {
  var data = window.FramingView.readData("framing-data");
  var messages = data.messages || {};
  var form = document.getElementById("check-form");
  var textarea = document.getElementById("text");
  var locale = document.getElementById("locale");
  var inputFormat = document.getElementById("input-format");
  var audience = document.getElementById("audience");
  var upload = document.getElementById("upload");
  var status = document.getElementById("status");
  var error = document.getElementById("error");
  var applyAll = document.getElementById("apply-all");
  var checked = null; /* the request whose findings are shown */
  var filename = "text.txt";

  function t(key, values) {
    var message = messages[key] || key;
    return String(message).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function say(message) { status.textContent = message; }
  function fail(message) { error.textContent = message; }

  function settings() {
    var readers = Array.prototype.slice.call(audience.querySelectorAll("input[type=checkbox]:checked"))
      .map(function (box) { return box.value; });
    return { text: textarea.value, locale: locale.value, audience: readers, input_format: inputFormat.value };
  }

  /* The settings, not the text, go into the address: a link can be shared without the text. */
  function remember(request) {
    var url = new URL(window.location.href);
    url.searchParams.set("locale", request.locale);
    if (request.audience.length) url.searchParams.set("audience", request.audience.join(","));
    else url.searchParams.delete("audience");
    window.history.replaceState(null, "", url.toString());
    document.querySelectorAll("form.language input[name=locale]").forEach(function (input) { input.value = request.locale; });
    document.querySelectorAll("form.language input[name=audience]").forEach(function (input) { input.value = request.audience.join(","); });
  }

  function post(path, body, contentType) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": contentType || "application/json" },
      body: contentType ? body : JSON.stringify(body),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return { error: response.statusText }; }).then(function (json) {
        if (!response.ok) throw new Error(json.error || response.statusText);
        return json;
      });
    }, function () { throw new Error(t("failed")); });
  }

  var view = new window.FramingView(document.getElementById("view"), {
    messages: messages,
    languages: data.languages,
    onChoose: function (documentIndex, finding, alternative) { rewrite(finding, alternative); }
  });

  function check() {
    var request = settings();
    fail("");
    say(t("checking"));
    remember(request);
    return post("api/lint", request).then(function (result) {
      checked = request;
      view.show([{ path: "", text: request.text, findings: result.findings }]);
      applyAll.disabled = !result.findings.some(function (f) { return f.safe_alternatives.length > 0; });
      say(t("checked", { count: result.findings.length }));
    }, function (problem) { say(""); fail(problem.message); });
  }

  function rewrite(finding, alternative) {
    if (!checked || checked.text !== textarea.value) { fail(t("stale")); return; }
    var request = Object.assign({}, checked, { occurrence: { start: finding.start, end: finding.end, alternative: alternative } });
    fail("");
    post("api/fix", request).then(function (result) {
      textarea.value = result.text;
      var edit = result.edits[0];
      say(t("rewritten", { old: edit ? edit.old : finding.text, new: edit ? edit.new : alternative }));
      return check();
    }, function (problem) { fail(problem.message); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    check();
  });

  textarea.addEventListener("input", function () {
    if (checked && checked.text !== textarea.value) say(t("stale"));
  });

  applyAll.addEventListener("click", function () {
    var request = settings();
    fail("");
    post("api/fix", request).then(function (result) {
      if (!result.edits.length) { say(t("nothing_to_fix")); return null; }
      textarea.value = result.text;
      say(t("fixed", { count: result.edits.length }));
      return check();
    }, function (problem) { fail(problem.message); });
  });

  document.getElementById("copy").addEventListener("click", function () {
    var done = function () { say(t("copied")); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(textarea.value).then(done, function (problem) { fail(problem.message); });
    } else {
      textarea.select();
      document.execCommand("copy");
      done();
    }
  });

  document.getElementById("download").addEventListener("click", function () {
    var blob = new Blob([textarea.value], { type: "text/plain;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    link.id = "download-link";
    document.body.append(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });

  upload.addEventListener("change", function () {
    var file = upload.files && upload.files[0];
    if (!file) return;
    fail("");
    post("api/upload?filename=" + encodeURIComponent(file.name), file, "application/octet-stream").then(function (result) {
      textarea.value = result.text;
      filename = result.filename;
      if (inputFormat.querySelector("option[value='" + result.input_format + "']")) inputFormat.value = result.input_format;
      say(t("opened", { name: result.filename }));
    }, function (problem) { fail(problem.message); });
  });
})();
