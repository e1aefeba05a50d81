/* The document view of framing: the text with every occurrence highlighted, a panel per
 * finding, filters by severity, concept and readers, and the summary per concept with a
 * small chart. Shared by `framing lint --format html` (inlined) and `framing serve`.
 *
 * Everything that comes from the document or the lexicon is inserted as text
 * (textContent, Text nodes, setAttribute), never parsed as HTML. No dependencies. */
"use strict";

(function (global) {
  var SEVERITIES = ["error", "warning", "suggestion"];
  var SVG = "http://www.w3.org/2000/svg";

  /* An element with attributes and children; strings become Text nodes. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttributes(node, attrs);
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.append(child);
    });
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    setAttributes(node, attrs);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setAttributes(node, attrs) {
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = String(value);
      else node.setAttribute(key, value === true ? "" : String(value));
    });
  }

  /* Fill {name} placeholders of a translated message. */
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function unique(values) {
    var seen = {};
    return values.filter(function (value) {
      if (seen[value]) return false;
      seen[value] = true;
      return true;
    });
  }

  function isLink(source) {
    return /^https?:\/\/[^\s]+$/.test(source);
  }

  /* The view in `root`. `config`: {messages, languages, onChoose(documentIndex, finding, alternative)}. */
  function FramingView(root, config) {
    this.root = root;
    this.messages = config.messages || {};
    this.languages = config.languages || {};
    this.onChoose = config.onChoose || null;
    this.documents = [];
    this.entries = [];
    this.filters = { severity: {}, concept: {}, reader: {} };
  }

  FramingView.prototype.t = function (key, values) {
    var message = Object.prototype.hasOwnProperty.call(this.messages, key) ? this.messages[key] : key;
    return values ? format(message, values) : message;
  };

  FramingView.prototype.severityName = function (severity) {
    return this.t("severity_" + severity);
  };

  FramingView.prototype.readerName = function (reader) {
    var language = this.languages[reader.locale] || reader.name || reader.locale;
    return reader.own ? this.t("own_readers", { language: language }) : language;
  };

  /* Draw `documents` ([{path, text, findings}]) afresh. */
  FramingView.prototype.show = function (documents) {
    var view = this;
    this.documents = documents;
    this.entries = [];
    this.root.replaceChildren();
    var all = [];
    documents.forEach(function (doc) { all = all.concat(doc.findings); });
    if (!all.length) {
      this.root.append(el("p", { class: "fv-none", text: this.t("no_findings") }));
      documents.forEach(function (doc, index) { view.root.append(view.documentSection(doc, index)); });
      return;
    }
    this.root.append(this.filterBar(all));
    documents.forEach(function (doc, index) { view.root.append(view.documentSection(doc, index)); });
    this.root.append(this.summary(all));
    this.applyFilters();
  };

  FramingView.prototype.filterBar = function (all) {
    var view = this;
    var concepts = unique(all.map(function (f) { return f.concept; })).sort();
    var readers = [];
    var readerLabel = {};
    all.forEach(function (f) {
      f.readers.forEach(function (r) {
        if (readerLabel[r.locale] === undefined) {
          readers.push(r.locale);
          readerLabel[r.locale] = view.readerName(r);
        }
      });
    });
    var severities = SEVERITIES.filter(function (s) { return all.some(function (f) { return f.severity === s; }); });
    this.filters = { severity: {}, concept: {}, reader: {} };
    var bar = el("div", { class: "fv-filters", role: "group", "aria-label": this.t("filters") });
    bar.append(
      this.filterGroup("severity", this.t("severity"), severities, function (s) { return view.severityName(s); }),
      this.filterGroup("concept", this.t("concept"), concepts, function (c) { return c; }),
      this.filterGroup("reader", this.t("readers"), readers, function (r) { return readerLabel[r]; })
    );
    return bar;
  };

  FramingView.prototype.filterGroup = function (kind, legend, values, label) {
    var view = this;
    var fieldset = el("fieldset", { class: "fv-filter fv-filter-" + kind }, [el("legend", { text: legend })]);
    values.forEach(function (value, index) {
      var id = "fv-filter-" + kind + "-" + index;
      var box = el("input", { type: "checkbox", id: id, checked: true, "data-kind": kind, "data-value": value });
      view.filters[kind][value] = true;
      box.addEventListener("change", function () {
        view.filters[kind][value] = box.checked;
        view.applyFilters();
      });
      var classes = kind === "severity" ? "fv-check fv-sev-" + value : "fv-check";
      fieldset.append(el("span", { class: classes }, [box, el("label", { for: id, text: label(value) })]));
    });
    return fieldset;
  };

  FramingView.prototype.documentSection = function (doc, index) {
    var headingId = "fv-doc-" + index;
    var section = el("section", { class: "fv-document", "aria-labelledby": headingId });
    var title = doc.path ? doc.path : this.t("document");
    section.append(el("h2", { id: headingId, text: title }));
    var text = el("div", { class: "fv-text", role: "region", "aria-label": this.t("document_text") });
    var list = el("ol", { class: "fv-findings", "aria-label": this.t("findings") });
    var position = 0;
    var view = this;
    doc.findings.forEach(function (finding, number) {
      var entry = { doc: index, number: number, finding: finding, mark: null, panel: null };
      view.entries.push(entry);
      if (finding.start >= position && finding.end <= doc.text.length && finding.end > finding.start) {
        text.append(doc.text.slice(position, finding.start));
        entry.mark = view.mark(entry);
        text.append(entry.mark);
        position = finding.end;
      }
      entry.panel = view.panel(entry);
      list.append(entry.panel);
    });
    text.append(doc.text.slice(position));
    section.append(el("div", { class: "fv-layout" }, [text, list]));
    return section;
  };

  FramingView.prototype.panelId = function (entry) {
    return "fv-finding-" + entry.doc + "-" + entry.number;
  };

  FramingView.prototype.mark = function (entry) {
    var view = this;
    var finding = entry.finding;
    var mark = el("mark", {
      class: "fv-mark fv-sev-" + finding.severity,
      tabindex: "0",
      role: "button",
      "aria-expanded": "false",
      "aria-controls": this.panelId(entry) + "-body",
      "aria-label": this.t("mark_label", { text: finding.text, severity: this.severityName(finding.severity), concept: finding.concept }),
      "data-concept": finding.concept,
      "data-severity": finding.severity,
      title: finding.message,
      text: entry.finding.text
    });
    mark.addEventListener("click", function () { view.select(entry, true); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        view.select(entry, true);
      }
    });
    return mark;
  };

  FramingView.prototype.panel = function (entry) {
    var view = this;
    var finding = entry.finding;
    var id = this.panelId(entry);
    var item = el("li", { class: "fv-finding fv-sev-" + finding.severity, id: id, "data-concept": finding.concept });
    var head = el("button", { type: "button", class: "fv-finding-head", "aria-expanded": "false", "aria-controls": id + "-body" }, [
      el("span", { class: "fv-where", text: this.t("position", { line: finding.line, column: finding.column }) }),
      " ",
      el("span", { class: "fv-badge fv-sev-" + finding.severity, text: this.severityName(finding.severity) }),
      " ",
      el("strong", { class: "fv-quote", text: finding.text }),
      " ",
      el("span", { class: "fv-concept", text: finding.concept }),
      el("span", { class: "fv-message", text: finding.message })
    ]);
    head.addEventListener("click", function () { view.toggle(entry); });
    var body = el("div", { class: "fv-finding-body", id: id + "-body", hidden: true });
    body.append(el("h3", { text: this.t("readers") }));
    var readers = el("ul", { class: "fv-readers" });
    finding.readers.forEach(function (reader) {
      var sources = el("ul", { class: "fv-sources", "aria-label": view.t("sources") });
      (reader.sources || []).forEach(function (source) {
        sources.append(el("li", {}, [isLink(source) ? el("a", { href: source, rel: "noreferrer noopener", text: source }) : source]));
      });
      readers.append(el("li", { class: "fv-reader", "data-locale": reader.locale }, [
        el("strong", { text: view.readerName(reader) }),
        " (" + view.severityName(reader.severity) + ") ",
        el("p", { class: "fv-note", text: reader.note }),
        reader.sources && reader.sources.length ? el("p", { class: "fv-sources-label", text: view.t("sources") }) : null,
        reader.sources && reader.sources.length ? sources : null
      ]));
    });
    body.append(readers);
    body.append(el("h3", { text: this.t("alternatives") }));
    body.append(this.alternatives(entry));
    body.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && entry.mark) {
        view.toggle(entry, false);
        entry.mark.focus();
      }
    });
    item.append(head, body);
    return item;
  };

  FramingView.prototype.alternatives = function (entry) {
    var view = this;
    var finding = entry.finding;
    var safe = finding.safe_alternatives || [];
    if (!finding.alternatives.length) return el("p", { class: "fv-none", text: this.t("no_alternatives") });
    var list = el("ul", { class: "fv-alternatives" });
    finding.alternatives.forEach(function (alternative) {
      var isSafe = safe.indexOf(alternative) >= 0;
      var label = isSafe ? view.t("safe_alternative", { alternative: alternative }) : alternative;
      var item;
      if (view.onChoose) {
        item = el("button", { type: "button", class: "fv-alt" + (isSafe ? " fv-safe" : ""), "data-alternative": alternative, text: label });
        item.addEventListener("click", function () { view.onChoose(entry.doc, finding, alternative); });
      } else {
        item = el("span", { class: "fv-alt" + (isSafe ? " fv-safe" : ""), text: label });
      }
      list.append(el("li", {}, [item]));
    });
    return list;
  };

  /* Open (or close) the panel of `entry`; with `focus`, move the keyboard focus into it. */
  FramingView.prototype.toggle = function (entry, open) {
    var body = entry.panel.querySelector(".fv-finding-body");
    var head = entry.panel.querySelector(".fv-finding-head");
    var show = open === undefined ? body.hidden : open;
    body.hidden = !show;
    head.setAttribute("aria-expanded", String(show));
    entry.panel.classList.toggle("fv-open", show);
    if (entry.mark) {
      entry.mark.setAttribute("aria-expanded", String(show));
      entry.mark.classList.toggle("fv-selected", show);
    }
  };

  FramingView.prototype.select = function (entry, focus) {
    var view = this;
    this.entries.forEach(function (other) { if (other !== entry) view.toggle(other, false); });
    this.toggle(entry, true);
    if (focus) {
      var head = entry.panel.querySelector(".fv-finding-head");
      head.focus();
      if (head.scrollIntoView) head.scrollIntoView({ block: "nearest" });
    }
  };

  FramingView.prototype.visible = function (finding) {
    var filters = this.filters;
    return filters.severity[finding.severity] !== false &&
      filters.concept[finding.concept] !== false &&
      finding.readers.some(function (r) { return filters.reader[r.locale] !== false; });
  };

  FramingView.prototype.applyFilters = function () {
    var view = this;
    this.entries.forEach(function (entry) {
      var shown = view.visible(entry.finding);
      entry.panel.hidden = !shown;
      if (entry.mark) {
        entry.mark.classList.toggle("fv-filtered", !shown);
        entry.mark.setAttribute("tabindex", shown ? "0" : "-1");
      }
    });
  };

  /* Per concept: how often, where, for whom, what to try; and the counts as a bar chart. */
  FramingView.prototype.summary = function (all) {
    var view = this;
    var byConcept = {};
    var order = [];
    all.forEach(function (f) {
      if (!byConcept[f.concept]) {
        byConcept[f.concept] = { concept: f.concept, count: 0, severity: f.severity, lines: [], readers: [], alternatives: [] };
        order.push(f.concept);
      }
      var row = byConcept[f.concept];
      row.count += 1;
      if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(row.severity)) row.severity = f.severity;
      row.lines.push(f.line);
      f.readers.forEach(function (r) { row.readers.push(view.readerName(r)); });
      row.alternatives = row.alternatives.concat(f.alternatives);
    });
    var rows = order.map(function (c) { return byConcept[c]; }).sort(function (a, b) { return b.count - a.count; });
    var section = el("section", { class: "fv-summary", "aria-labelledby": "fv-summary-heading" });
    section.append(el("h2", { id: "fv-summary-heading", text: this.t("summary") }));
    section.append(el("p", { class: "fv-total", text: this.t("total", { count: all.length }) }));
    section.append(this.chart(rows));
    var table = el("table", { class: "fv-summary-table" });
    table.append(el("thead", {}, [el("tr", {}, [
      el("th", { scope: "col", text: this.t("concept") }),
      el("th", { scope: "col", text: this.t("count") }),
      el("th", { scope: "col", text: this.t("lines") }),
      el("th", { scope: "col", text: this.t("readers") }),
      el("th", { scope: "col", text: this.t("try") })
    ])]));
    var body = el("tbody");
    rows.forEach(function (row) {
      var lines = unique(row.lines.map(String));
      var where = lines.length > 1 ? lines[0] + "–" + lines[lines.length - 1] : lines[0];
      body.append(el("tr", { "data-concept": row.concept }, [
        el("th", { scope: "row", text: row.concept }),
        el("td", { text: String(row.count) }),
        el("td", { text: where }),
        el("td", { text: unique(row.readers).join(", ") }),
        el("td", { text: unique(row.alternatives).slice(0, 3).join(", ") })
      ]));
    });
    table.append(body);
    section.append(table);
    return section;
  };

  FramingView.prototype.chart = function (rows) {
    var width = 480;
    var labelWidth = 160;
    var barHeight = 18;
    var gap = 6;
    var height = rows.length * (barHeight + gap) + gap;
    var most = Math.max.apply(null, rows.map(function (r) { return r.count; }));
    var chart = svg("svg", {
      class: "fv-chart", role: "img", width: width, height: height,
      viewBox: "0 0 " + width + " " + height, "aria-labelledby": "fv-chart-title"
    });
    chart.append(svg("title", { id: "fv-chart-title" }, this.t("chart_title")));
    rows.forEach(function (row, index) {
      var y = gap + index * (barHeight + gap);
      var length = Math.max(2, Math.round((width - labelWidth - 40) * row.count / most));
      chart.append(svg("text", { x: labelWidth - 6, y: y + barHeight - 5, "text-anchor": "end", class: "fv-chart-label" }, row.concept));
      chart.append(svg("rect", { x: labelWidth, y: y, width: length, height: barHeight, class: "fv-bar fv-sev-" + row.severity, "data-concept": row.concept }));
      chart.append(svg("text", { x: labelWidth + length + 4, y: y + barHeight - 5, class: "fv-chart-count" }, String(row.count)));
    });
    return chart;
  };

  /* The data block a page embeds: a script element of type application/json with this id. */
  FramingView.readData = function (id) {
    var node = document.getElementById(id || "framing-data");
    return node ? JSON.parse(node.textContent) : {};
  };

  global.FramingView = FramingView;
})(window);
