/* diplograph state view (kg/view/states.py): one node per state, one edge per related pair of states.
   Every piece of text is put in the page with textContent: data never goes through innerHTML. */
(function () {
  "use strict";

  var data = window.kgData;
  var S = data && data.states;
  var buttons = document.querySelectorAll("[data-view]");
  if (!S) { return; }

  var LABEL_PX = 14;           /* the size, on screen, of the hubs' names at any zoom */
  var DRAW_THRESHOLD = 9;      /* other names are drawn once 14 px * zoom reaches this */
  var LIST_MAX = 100;          /* acts listed for one edge; the rest are counted */
  var KIND_ORDER = ["hostile", "cooperative", "neutral"];

  var states = S.states;       /* [iso, en, id, x, y, degree] */
  var types = S.types;         /* [name, kind] */
  var acts = S.acts;           /* [type index, date, [a, b, a, b, ...], [[sentence, marks, article], ...]] */
  var hubs = {};  /* the most connected states drawn: S.hubs.length of them, as kg.view.states picks them */
  S.hubs.forEach(function (i) { hubs[i] = true; });

  function pickHubs() {
    var partners = new Array(states.length).fill(0);
    Object.keys(current.pairs).forEach(function (key) {
      partners[current.pairs[key].a] += 1;
      partners[current.pairs[key].b] += 1;
    });
    var order = [];
    partners.forEach(function (n, i) { if (n > 0) { order.push(i); } });
    order.sort(function (x, y) {
      return partners[y] - partners[x] || (states[x][0] < states[y][0] ? -1 : 1);
    });
    hubs = {};
    order.slice(0, S.hubs.length).forEach(function (i) { hubs[i] = true; });
  }
  var filter = { hidden: {}, from: 0, to: Math.max(0, S.dates.length - 1), undated: true, pick: -1, min: 1 };
  var current = { pairs: {}, activity: [] };

  var graphMain = document.getElementById("kg-network");
  var graphLegend = document.getElementById("kg-legend");
  var extraButton = document.getElementById("kg-toggle-extra");
  var searchBox = document.getElementById("kg-search");
  var searchStatus = document.getElementById("kg-search-status");
  var container = document.getElementById("kg-states");
  var controls = document.getElementById("kg-states-controls");
  var panel = document.getElementById("kg-panel-body");
  var stats = document.getElementById("kg-stats");
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var network = null;
  var view = "graph";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function lang() { return document.documentElement.lang === "id" ? "id" : "en"; }
  function nameOf(i) {
    var s = states[i];
    return lang() === "id" && s[2] ? s[2] : s[1];
  }
  function kindOf(act) { return types[act[0]][1]; }

  /* ------------------------------------------------------------ filtering */

  function visible(act) {
    if (filter.hidden[act[0]]) { return false; }
    var d = act[1];
    if (!d) { return filter.undated; }
    if (!S.dates.length) { return true; }
    return d >= S.dates[filter.from] && d <= S.dates[filter.to];
  }

  /* The pairs drawn: {key: {a, b, acts, hostile, cooperative, neutral}}; each state's act count. */
  function compute() {
    var pairs = {};
    var activity = new Array(states.length).fill(0);
    for (var k = 0; k < acts.length; k++) {
      var act = acts[k];
      if (!visible(act)) { continue; }
      var flat = act[2];
      var seen = {};
      var touched = {};
      for (var p = 0; p < flat.length; p += 2) {
        var a = Math.min(flat[p], flat[p + 1]);
        var b = Math.max(flat[p], flat[p + 1]);
        if (filter.pick >= 0 && a !== filter.pick && b !== filter.pick) { continue; }
        var key = a + "|" + b;
        if (seen[key]) { continue; }
        seen[key] = true;
        var entry = pairs[key];
        if (!entry) { entry = pairs[key] = { a: a, b: b, acts: [], hostile: 0, cooperative: 0, neutral: 0 }; }
        entry.acts.push(k);
        entry[kindOf(act)] += 1;
        touched[a] = true;
        touched[b] = true;
      }
      Object.keys(touched).forEach(function (i) { activity[i] += 1; });
    }
    if (filter.min > 1) { return fewest(pairs); }
    return { pairs: pairs, activity: activity };
  }

  /* Only the lines of at least filter.min acts; each state's acts counted again over those. */
  function fewest(all) {
    var pairs = {};
    var activity = new Array(states.length).fill(0);
    var counted = {};
    Object.keys(all).forEach(function (key) {
      var e = all[key];
      if (e.acts.length < filter.min) { return; }
      pairs[key] = e;
      e.acts.forEach(function (k) {
        [e.a, e.b].forEach(function (i) {
          var mark = i + ":" + k;
          if (!counted[mark]) { counted[mark] = true; activity[i] += 1; }
        });
      });
    });
    return { pairs: pairs, activity: activity };
  }

  function edgeColor(e) {
    var kind = e.hostile > e.cooperative ? "hostile" : e.cooperative > e.hostile ? "cooperative" :
      e.hostile > 0 ? "mixed" : "neutral";
    return { kind: kind, color: S.kinds[kind] };
  }

  function nodeFont(i) {
    var scale = network ? network.getScale() : 1;
    var size = hubs[i] || i === filter.pick ? Math.max(LABEL_PX, LABEL_PX / scale) : LABEL_PX;
    return { size: size };
  }

  function redraw() {
    current = compute();
    pickHubs();
    var nodeList = [];
    current.activity.forEach(function (count, i) {
      if (count > 0 || i === filter.pick) {
        var s = states[i];
        nodeList.push({ id: s[0], label: nameOf(i), x: s[3], y: s[4], value: count, index: i,
                        font: nodeFont(i), acts: count });
      }
    });
    var edgeList = Object.keys(current.pairs).map(function (key) {
      var e = current.pairs[key];
      var c = edgeColor(e);
      var n = e.acts.length;
      return { id: states[e.a][0] + "|" + states[e.b][0], from: states[e.a][0], to: states[e.b][0],
               width: Math.min(12, 1 + 2 * Math.log2(n)), color: { color: c.color, highlight: c.color, hover: c.color },
               kind: c.kind, count: n, key: key };
    });
    var keepNodes = {};
    nodeList.forEach(function (n) { keepNodes[n.id] = true; });
    var keepEdges = {};
    edgeList.forEach(function (e) { keepEdges[e.id] = true; });
    edges.remove(edges.getIds({ filter: function (e) { return !keepEdges[e.id]; } }));
    nodes.remove(nodes.getIds({ filter: function (n) { return !keepNodes[n.id]; } }));
    nodes.update(nodeList);
    edges.update(edgeList);
    updateStats();
  }

  function updateStats() {
    if (view !== "states") { return; }
    var count = 0;
    Object.keys(current.pairs).forEach(function (k) { count += current.pairs[k].acts.length; });
    stats.textContent = nodes.length + " states, " + edges.length + " pairs";
    stats.setAttribute("data-acts", String(count));
  }

  /* --------------------------------------------------------------- panel */

  function sentenceEl(text, marks) {
    var p = el("p", null, "sentence");
    var chars = Array.from(text);
    var pos = 0;
    for (var k = 0; k + 1 < marks.length; k += 2) {
      var b = Math.max(marks[k], pos);
      var e = Math.min(marks[k + 1], chars.length);
      if (b >= e) { continue; }
      p.appendChild(document.createTextNode(chars.slice(pos, b).join("")));
      p.appendChild(el("mark", chars.slice(b, e).join("")));
      pos = e;
    }
    p.appendChild(document.createTextNode(chars.slice(pos).join("")));
    return p;
  }
  function articleEl(i) {
    var div = el("div", null, "source");
    if (i < 0) { div.textContent = "article unknown"; return div; }
    var art = S.articles[i];
    div.appendChild(document.createTextNode("from "));
    var url = art[1];
    if (typeof url === "string" && (url.indexOf("http://") === 0 || url.indexOf("https://") === 0)) {
      var a = document.createElement("a");
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = art[0];
      div.appendChild(a);
    } else {
      div.appendChild(el("span", art[0]));
    }
    return div;
  }
  function direction(act, a, b) {
    var flat = act[2];
    var there = false;
    var back = false;
    for (var p = 0; p < flat.length; p += 2) {
      if (flat[p] === a && flat[p + 1] === b) { there = true; }
      if (flat[p] === b && flat[p + 1] === a) { back = true; }
    }
    var from = there ? a : b;
    var to = there ? b : a;
    return nameOf(from) + (there && back ? " ↔ " : " → ") + nameOf(to);
  }
  function byDate(i, j) {
    var a = acts[i];
    var b = acts[j];
    var da = a[1] || "~";
    var db = b[1] || "~";
    return da < db ? -1 : da > db ? 1 : a[0] - b[0] || i - j;
  }
  function showEdge(key) {
    var e = current.pairs[key];
    if (!e) { return; }
    panel.replaceChildren();
    panel.setAttribute("data-shown", "edge:" + states[e.a][0] + "|" + states[e.b][0]);
    panel.appendChild(el("div", "Acts between two states", "type"));
    panel.appendChild(el("h2", nameOf(e.a) + " – " + nameOf(e.b)));
    var list = e.acts.slice().sort(byDate);
    var dated = list.map(function (k) { return acts[k][1]; }).filter(Boolean).sort();
    var summary = list.length + (list.length === 1 ? " act" : " acts");
    var lastDate = dated[dated.length - 1];
    if (dated.length) { summary += ", " + dated[0] + (lastDate !== dated[0] ? " – " + lastDate : ""); }
    var dl = el("dl");
    dl.appendChild(el("dt", "Acts"));
    dl.appendChild(el("dd", summary));
    KIND_ORDER.forEach(function (kind) {
      if (e[kind]) { dl.appendChild(el("dt", kind)); dl.appendChild(el("dd", e[kind])); }
    });
    panel.appendChild(dl);
    var box = el("div", null, "acts");
    list.slice(0, LIST_MAX).forEach(function (k) {
      var act = acts[k];
      var item = el("div", null, "act");
      item.setAttribute("data-kind", kindOf(act));
      var head = el("div", null, "act-head");
      head.appendChild(el("strong", types[act[0]][0]));
      head.appendChild(el("span", act[1] || "undated", "date"));
      head.appendChild(el("span", direction(act, e.a, e.b), "who"));
      var node = S.graphNodes ? S.graphNodes[k] : -1;
      if (node >= 0) {  /* the act in the graph of the articles, one click away */
        var go = el("span", "in the graph", "ref graph-link");
        go.setAttribute("role", "link");
        go.tabIndex = 0;
        go.addEventListener("click", function () { show("graph"); window.kgFocusNode(node); });
        head.appendChild(go);
      }
      item.appendChild(head);
      act[3].forEach(function (ev) {
        if (S.sentences[ev[0]]) { item.appendChild(sentenceEl(S.sentences[ev[0]], ev[1])); }
        item.appendChild(articleEl(ev[2]));
      });
      box.appendChild(item);
    });
    if (list.length > LIST_MAX) {
      box.appendChild(el("p", "… and " + (list.length - LIST_MAX) + " more acts: narrow the filters to see them.", "hint"));
    }
    panel.appendChild(box);
  }
  function showState(iso) {
    var i = -1;
    for (var k = 0; k < states.length; k++) { if (states[k][0] === iso) { i = k; break; } }
    if (i < 0) { return; }
    panel.replaceChildren();
    panel.setAttribute("data-shown", "state:" + iso);
    panel.appendChild(el("div", "State", "type"));
    panel.appendChild(el("h2", nameOf(i)));
    var dl = el("dl");
    dl.appendChild(el("dt", "ISO"));
    dl.appendChild(el("dd", iso));
    dl.appendChild(el("dt", "Acts"));
    dl.appendChild(el("dd", current.activity[i] || 0));
    panel.appendChild(dl);
    var partners = Object.keys(current.pairs).filter(function (key) {
      var e = current.pairs[key];
      return e.a === i || e.b === i;
    }).sort(function (x, y) {
      return current.pairs[y].acts.length - current.pairs[x].acts.length || (x < y ? -1 : 1);
    });
    if (partners.length) {
      panel.appendChild(el("h3", "With"));
      var ul = el("ul", null, "partners");
      partners.forEach(function (key) {
        var e = current.pairs[key];
        var other = e.a === i ? e.b : e.a;
        var li = el("li");
        var ref = el("span", nameOf(other), "ref");
        ref.setAttribute("role", "link");
        ref.tabIndex = 0;
        ref.addEventListener("click", function () { showEdge(key); });
        li.appendChild(ref);
        li.appendChild(document.createTextNode(" · " + e.acts.length + (e.acts.length === 1 ? " act" : " acts")));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
  }
  function edgeKey(id) {
    var e = edges.get(id);
    return e ? e.key : null;
  }

  /* ------------------------------------------------------------- controls */

  function buildControls() {
    var typeBox = document.getElementById("kg-states-types");
    types.forEach(function (t, i) {
      var total = 0;
      acts.forEach(function (act) { if (act[0] === i) { total += 1; } });
      var row = el("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.setAttribute("data-act-type", t[0]);
      box.addEventListener("change", function () {
        if (box.checked) { delete filter.hidden[i]; } else { filter.hidden[i] = true; }
        row.className = box.checked ? "" : "off";
        redraw();
      });
      var swatch = el("span", null, "swatch");
      swatch.style.background = S.kinds[t[1]];
      row.appendChild(box);
      row.appendChild(swatch);
      row.appendChild(el("span", t[0]));
      row.appendChild(el("span", total, "count"));
      typeBox.appendChild(row);
    });
    var from = document.getElementById("kg-states-from");
    var to = document.getElementById("kg-states-to");
    var range = document.getElementById("kg-states-range");
    var undated = document.getElementById("kg-states-undated");
    var last = Math.max(0, S.dates.length - 1);
    [from, to].forEach(function (input) {
      input.min = "0";
      input.max = String(last);
      input.step = "1";
      input.disabled = S.dates.length === 0;
    });
    from.value = "0";
    to.value = String(last);
    function showRange() {
      range.textContent = S.dates.length ? S.dates[filter.from] + " – " + S.dates[filter.to] : "no dated acts";
    }
    function onRange(ev) {
      var a = Number(from.value);
      var b = Number(to.value);
      if (a > b) { if (ev.target === from) { to.value = String(a); b = a; } else { from.value = String(b); a = b; } }
      filter.from = a;
      filter.to = b;
      showRange();
      redraw();
    }
    from.addEventListener("input", onRange);
    to.addEventListener("input", onRange);
    showRange();
    undated.addEventListener("change", function () { filter.undated = undated.checked; redraw(); });
    var least = document.getElementById("kg-states-min");
    var leastValue = document.getElementById("kg-states-min-value");
    var most = 1;
    Object.keys(current.pairs).forEach(function (key) { most = Math.max(most, current.pairs[key].acts.length); });
    least.min = "1";
    least.max = String(most);
    least.value = "1";
    least.disabled = most === 1;
    least.addEventListener("input", function () {
      filter.min = Number(least.value);
      leastValue.textContent = least.value;
      redraw();
    });
    var pick = document.getElementById("kg-states-pick");
    var order = states.map(function (s, i) { return i; }).sort(function (a, b) {
      return states[a][1] < states[b][1] ? -1 : states[a][1] > states[b][1] ? 1 : 0;
    });
    order.forEach(function (i) {
      var option = el("option", states[i][1] + " (" + states[i][0] + ")");
      option.value = states[i][0];
      pick.appendChild(option);
    });
    pick.addEventListener("change", function () {
      filter.pick = -1;
      for (var k = 0; k < states.length; k++) { if (states[k][0] === pick.value) { filter.pick = k; } }
      redraw();
      if (network) { network.fit({ animation: false }); relabel(); }
      if (filter.pick >= 0) { showState(pick.value); }
    });
    var legend = document.getElementById("kg-states-kinds");
    ["hostile", "cooperative", "mixed", "neutral"].forEach(function (kind) {
      var row = el("div", null, "kind");
      var swatch = el("span", null, "swatch");
      swatch.style.background = S.kinds[kind];
      row.appendChild(swatch);
      row.appendChild(el("span", kind));
      legend.appendChild(row);
    });
  }

  /* the hubs' names stay LABEL_PX on screen; the others are drawn from a zoom on (vis' drawThreshold) */
  function relabel() {
    nodes.update(nodes.get({ filter: function (n) { return hubs[n.index] || n.index === filter.pick; } })
      .map(function (n) { return { id: n.id, font: nodeFont(n.index) }; }));
  }

  function start() {
    var options = {
      autoResize: true,
      physics: { enabled: false },
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 100, hideEdgesOnDrag: true },
      nodes: {
        shape: "dot", color: { background: "#4a6fa5", border: "#2c4a75" },
        font: { size: LABEL_PX, color: "#1a1a1a", strokeWidth: 4, strokeColor: "#ffffff" },
        scaling: { min: 6, max: 36, label: { enabled: false, drawThreshold: DRAW_THRESHOLD } }
      },
      edges: { smooth: false, selectionWidth: 2, hoverWidth: 1.5, arrows: { to: { enabled: false } } }
    };
    network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    network.on("hoverEdge", function (p) { var key = edgeKey(p.edge); if (key) { showEdge(key); } });
    network.on("hoverNode", function (p) { showState(p.node); });
    network.on("click", function (p) {
      if (p.nodes.length) { showState(p.nodes[0]); } else if (p.edges.length) {
        var key = edgeKey(p.edges[0]);
        if (key) { showEdge(key); }
      }
    });
    network.on("zoom", relabel);
    network.once("afterDrawing", function () {
      document.body.setAttribute("data-states-ready", "true");
    });
    network.fit({ animation: false });
    relabel();
  }

  function show(which) {
    if (which === "graph" && data.graph === false) { return; }
    view = which;
    var states_ = which === "states";
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === which));
    });
    graphMain.hidden = states_;
    graphLegend.hidden = states_;
    extraButton.hidden = states_;
    searchBox.hidden = states_;
    searchStatus.hidden = states_;
    container.hidden = !states_;
    controls.hidden = !states_;
    document.body.setAttribute("data-view", which);
    if (states_) {
      if (network === null) { redraw(); start(); } else { updateStats(); }
      panel.replaceChildren(el("p", "Hover over or click a line to see the acts between two states, " +
        "with the sentence and the article each comes from.", "hint"));
    } else {
      window.kgNetwork.redraw();
      stats.textContent = window.kgNodeView.length + " nodes, " + window.kgEdgeView.length + " edges";
      panel.replaceChildren(el("p", "Hover over or click a node to see its type, labels, Wikidata link " +
        "and the sentences of the article that mention it.", "hint"));
    }
  }

  current = compute();  /* every act: the controls' ranges */
  buildControls();
  Array.prototype.forEach.call(buttons, function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-view")); });
  });
  document.getElementById("kg-fit").addEventListener("click", function () {
    if (view === "states" && network !== null) { network.fit({ animation: false }); relabel(); }
  });
  document.getElementById("kg-toggle-lang").addEventListener("click", function () {
    if (network === null) { return; }
    nodes.update(nodes.get().map(function (n) { return { id: n.id, label: nameOf(n.index) }; }));
  });
  if (data.graph === false) {
    Array.prototype.forEach.call(buttons, function (b) { if (b.getAttribute("data-view") === "graph") { b.hidden = true; } });
    show("states");
  }

  window.kgStates = {
    nodes: nodes,
    edges: edges,
    network: function () { return network; },
    pairs: function () { return current.pairs; },
    showEdge: function (id) { var key = edgeKey(id); if (key) { showEdge(key); } },
    showState: showState,
    relabel: relabel,
    data: S
  };
}());
