/* diplograph HTML view (kg.html). Builds every piece of text in the page with DOM APIs and
   textContent: data from the graph never goes through innerHTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  window.kgData = data;  /* the state view (states.js) reads its part */
  var info = data.info;
  var state = { extra: false, lang: "en", hidden: {} };
  var classOf = {};
  data.classes.forEach(function (c) { classOf[c.key] = c; });
  var edgeEn = {};
  data.edges.forEach(function (e) { edgeEn[e.id] = e.label; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  function nodeVisible(n) {
    if (n.extra && !state.extra) { return false; }
    return !state.hidden[n.cls];
  }
  function edgeVisible(e) {
    if (e.extra && !state.extra) { return false; }
    var a = nodes.get(e.from);
    var b = nodes.get(e.to);
    return a !== null && b !== null && nodeVisible(a) && nodeVisible(b);
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: [], edges: [] }, data.options);

  function ready() {
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      ready();
    });
  }
  network.setData({ nodes: nodeView, edges: edgeView });
  if (!data.physics) { ready(); }

  /* ----------------------------------------------------------------- helpers */

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  /* the same rule as kg.html.canvas_label */
  function canvasLabel(text) {
    var chars = Array.from(String(text).split(/\s+/).filter(Boolean).join(" "));
    if (chars.length <= 30) { return chars.join(""); }
    var head = chars.slice(0, 29).join("");
    var space = head.lastIndexOf(" ");
    return (space > 0 ? head.slice(0, space) : head) + "…";
  }
  function labelOf(i) {
    var inf = info[i];
    return state.lang === "id" && inf.id ? inf.id : inf.en;
  }
  function classLabel(c) {
    return state.lang === "id" ? c.id : c.en;
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function shapeIcon(shape, color) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    var s;
    var poly = {
      triangle: "8,1 15,14 1,14",
      triangleDown: "1,2 15,2 8,15",
      diamond: "8,1 15,8 8,15 1,8",
      star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"
    }[shape];
    if (poly) {
      s = document.createElementNS(SVGNS, "polygon");
      s.setAttribute("points", poly);
    } else if (shape === "square" || shape === "box") {
      s = document.createElementNS(SVGNS, "rect");
      s.setAttribute("x", "2"); s.setAttribute("y", shape === "box" ? "4" : "2");
      s.setAttribute("width", "12"); s.setAttribute("height", shape === "box" ? "8" : "12");
      s.setAttribute("rx", shape === "box" ? "2" : "0");
    } else {
      s = document.createElementNS(SVGNS, "circle");
      s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("r", "6.5");
    }
    s.setAttribute("fill", color);
    s.setAttribute("stroke", "#555");
    s.setAttribute("stroke-width", "0.8");
    svg.appendChild(s);
    return svg;
  }
  function isWikidata(url) {
    return typeof url === "string" &&
      (url.indexOf("http://www.wikidata.org/") === 0 || url.indexOf("https://www.wikidata.org/") === 0);
  }
  function wikidataLink(url) {
    if (!isWikidata(url)) { return el("span", "—"); }
    var a = document.createElement("a");
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = url.replace(/^https?:\/\/www\.wikidata\.org\/entity\//, "wd:");
    return a;
  }
  /* A sentence with its mentions in <mark>; offsets are code points (as in Python and NIF). */
  function sentenceEl(ev) {
    var p = el("p", null, "sentence");
    var chars = Array.from(ev.text);
    var pos = 0;
    ev.marks.forEach(function (m) {
      var b = Math.max(m[0], pos);
      var e = Math.min(m[1], chars.length);
      if (b >= e) { return; }
      p.appendChild(document.createTextNode(chars.slice(pos, b).join("")));
      p.appendChild(el("mark", chars.slice(b, e).join("")));
      pos = e;
    });
    p.appendChild(document.createTextNode(chars.slice(pos).join("")));
    return p;
  }
  function addRow(dl, term, value) {
    dl.appendChild(el("dt", term));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = value; }
    dl.appendChild(dd);
  }
  function valueEl(v) {
    var text = state.lang === "id" && v[1] ? v[1] : v[0];
    if (v[2] === null || v[2] === undefined) { return el("span", text); }
    var ref = el("span", text, "ref");
    ref.setAttribute("role", "link");
    ref.tabIndex = 0;
    ref.addEventListener("click", function () { focusNode(v[2]); });
    return ref;
  }

  /* ------------------------------------------------------------------- panel */

  var panel = document.getElementById("kg-panel-body");
  var shown = null;

  function showPanel(id) {
    var inf = info[id];
    if (!inf) { return; }
    shown = id;
    var c = classOf[inf.cls] || { en: inf.cls, id: inf.cls, color: "#999999", shape: "dot" };
    panel.replaceChildren();
    var type = el("div", null, "type");
    type.appendChild(shapeIcon(c.shape, c.color));
    type.appendChild(el("span", c.en + (c.id && c.id !== c.en ? " · " + c.id : "")));
    panel.appendChild(type);
    panel.appendChild(el("h2", labelOf(id)));
    var dl = el("dl");
    addRow(dl, "Type", classLabel(c));
    addRow(dl, "Label (en)", inf.en);
    addRow(dl, "Label (id)", inf.id || "—");
    if (inf.wd) { addRow(dl, "Wikidata", wikidataLink(inf.wd)); }
    (inf.facts || []).forEach(function (f) {
      var dd = el("span");
      f[2].forEach(function (v, k) {
        if (k > 0) { dd.appendChild(document.createTextNode(", ")); }
        dd.appendChild(valueEl(v));
      });
      addRow(dl, state.lang === "id" && f[1] ? f[1] : f[0], dd);
    });
    panel.appendChild(dl);
    if (inf.text && !(inf.evidence && inf.evidence.length)) { panel.appendChild(el("blockquote", inf.text)); }
    if (inf.evidence && inf.evidence.length) {
      panel.appendChild(el("h3", "Evidence"));
      var box = el("div", null, "evidence");
      inf.evidence.forEach(function (ev) { box.appendChild(sentenceEl(ev)); });
      panel.appendChild(box);
    }
    if (inf.iri) { panel.appendChild(el("div", inf.iri, "iri")); }
  }

  function focusNode(id) {
    if (nodeView.get(id) === null) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showPanel(id);
  }

  network.on("hoverNode", function (p) { showPanel(p.node); });
  network.on("click", function (p) { if (p.nodes.length) { showPanel(p.nodes[0]); } });

  /* ------------------------------------------------------------- filtering */

  var stats = document.getElementById("kg-stats");
  function updateStats() {
    stats.textContent = nodeView.length + " nodes, " + edgeView.length + " edges";
  }
  function refresh() {
    try { network.storePositions(); } catch (err) { /* no positions yet */ }
    nodeView.refresh();
    edgeView.refresh();
    updateStats();
  }

  function buildLegend() {
    var core = document.getElementById("kg-legend-core");
    var extra = document.getElementById("kg-legend-extra");
    core.replaceChildren();
    extra.replaceChildren();
    data.classes.forEach(function (c) {
      var row = el("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = !state.hidden[c.key];
      box.setAttribute("data-class", c.key);
      box.addEventListener("change", function () {
        if (box.checked) { delete state.hidden[c.key]; } else { state.hidden[c.key] = true; }
        row.className = box.checked && (!c.extra || state.extra) ? "" : "off";
        refresh();
      });
      row.className = box.checked && (!c.extra || state.extra) ? "" : "off";
      row.appendChild(box);
      row.appendChild(shapeIcon(c.shape, c.color));
      row.appendChild(el("span", classLabel(c)));
      row.appendChild(el("span", c.count, "count"));
      (c.extra ? extra : core).appendChild(row);
    });
    extra.previousElementSibling.hidden = extra.childElementCount === 0;
  }
  buildLegend();

  function placeExtra() {
    var positions = network.getPositions();
    var computed = {};
    var extraNodes = nodes.get({ filter: function (n) { return n.extra; } });
    extraNodes.sort(function (a, b) { return a.depth - b.depth || a.id - b.id; });
    var updates = [];
    extraNodes.forEach(function (n) {
      var base = computed[n.owner] || positions[n.owner];
      if (!base) { return; }
      var p = { x: base.x + n.ox, y: base.y + n.oy };
      computed[n.id] = p;
      updates.push({ id: n.id, x: p.x, y: p.y });
    });
    nodes.update(updates);
  }

  var extraButton = document.getElementById("kg-toggle-extra");
  extraButton.addEventListener("click", function () {
    if (!state.extra) { placeExtra(); }
    state.extra = !state.extra;
    extraButton.setAttribute("aria-pressed", String(state.extra));
    extraButton.textContent = state.extra ? "Hide provenance & values" : "Show provenance & values";
    buildLegend();
    refresh();
  });

  var langButton = document.getElementById("kg-toggle-lang");
  langButton.addEventListener("click", function () {
    state.lang = state.lang === "en" ? "id" : "en";
    langButton.setAttribute("aria-pressed", String(state.lang === "id"));
    langButton.textContent = state.lang === "id" ? "English" : "Bahasa Indonesia";
    document.documentElement.lang = state.lang;
    nodes.update(data.nodes.filter(function (n) { return !n.extra; }).map(function (n) {
      return { id: n.id, label: canvasLabel(labelOf(n.id)) };
    }));
    edges.update(data.edges.map(function (e) {
      var id = state.lang === "id" ? data.edgeLabelsId[e.rel] : null;
      return { id: e.id, label: id || edgeEn[e.id] };
    }));
    buildLegend();
    if (shown !== null) { showPanel(shown); }
  });

  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  /* ---------------------------------------------------------------- search */

  var search = document.getElementById("kg-search");
  var searchStatus = document.getElementById("kg-search-status");
  var hits = [];
  function matches(q) {
    return nodeView.getIds({
      filter: function (n) {
        var inf = info[n.id];
        return (inf.en && inf.en.toLowerCase().indexOf(q) >= 0) || (inf.id && inf.id.toLowerCase().indexOf(q) >= 0);
      }
    });
  }
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    hits = q ? matches(q) : [];
    network.selectNodes(hits);
    searchStatus.textContent = q ? hits.length + (hits.length === 1 ? " match" : " matches") + (hits.length ? " (Enter to go)" : "") : "";
    if (hits.length === 1) { showPanel(hits[0]); }
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && hits.length) { focusNode(hits[0]); hits.push(hits.shift()); }
  });

  updateStats();
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgNodeView = nodeView;
  window.kgEdgeView = edgeView;
  window.kgCounts = data.counts;
  window.kgShowPanel = showPanel;
  window.kgFocusNode = focusNode;
}());
