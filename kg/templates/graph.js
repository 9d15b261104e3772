// kg graph view. Every text from the graph reaches the DOM through textContent or
// createTextNode only (never innerHTML), and vis-network tooltips are DOM elements, not HTML
// strings: a label that spells out an img tag with an onerror handler is shown as characters.
// Node labels are drawn on the canvas by this script, not by vis-network: most important first,
// and a label whose box would overlap one already drawn is left out (hover or zoom shows it).
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var MAX_SENTENCES = 4;
  var LABEL_PX = 12;          // label size on screen, whatever the zoom
  var MAX_LABELS = 700;       // labels drawn per frame at most
  var RELAYOUT_MAX = 2500;    // past this many visible nodes a filter only refits the view
  var served = /^https?:$/.test(window.location.protocol);

  // vis-network would draw `label`: the network is given every field but that one (below), and
  // this script draws the name (kg.name) itself.
  data.nodes.forEach(function (n) { n.kg.name = n.label; });
  var colourMode = "community";
  function colourOf(n) { return colourMode === "community" ? n.kg.communityColour : n.kg.colour; }
  data.nodes.forEach(function (n) { n.color = colourOf(n); });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function keyValue(parent, key, value) {
    var line = el("div");
    line.appendChild(el("span", "kg-tip-key", key + ": "));
    line.appendChild(document.createTextNode(String(value)));
    parent.appendChild(line);
  }

  function sentences(parent, list) {
    list.slice(0, MAX_SENTENCES).forEach(function (s) {
      parent.appendChild(el("p", "kg-tip-sentence", s));
    });
    if (list.length > MAX_SENTENCES) {
      parent.appendChild(el("div", "kg-tip-more", "+ " + (list.length - MAX_SENTENCES) +
        " more sentence" + (list.length - MAX_SENTENCES === 1 ? "" : "s")));
    }
  }

  function claims(parent, k) {
    k.claims.forEach(function (c) {
      var p = el("p", "kg-tip-claim");
      p.appendChild(el("span", "kg-tip-key", c.relation + (c.date ? " (" + c.date + ")" : "") + ": "));
      p.appendChild(document.createTextNode("\u201c" + c.text + "\u201d"));
      parent.appendChild(p);
    });
    if (k.claimCount > k.claims.length) {
      parent.appendChild(el("div", "kg-tip-more", "+ " + (k.claimCount - k.claims.length) +
        " more said"));
    }
  }

  function nodeDetails(node) {
    var box = el("div", "kg-tip");
    var k = node.kg;
    box.appendChild(el("div", "kg-tip-title", k.name));
    box.appendChild(el("div", "kg-tip-type", k.type + " \u00b7 " + k.degree + " edge" +
      (k.degree === 1 ? "" : "s") + (k.claimCount ? " \u00b7 said " + k.claimCount : "")));
    if (k.aliases.length) keyValue(box, "also", k.aliases.join("; "));
    if (k.roles.length) keyValue(box, "role", k.roles.join("; "));
    keyValue(box, "id", node.id);
    claims(box, k);
    sentences(box, k.sentences);
    return box;
  }

  function edgeDetails(edge) {
    var box = el("div", "kg-tip");
    var k = edge.kg;
    var from = nodes.get(edge.from), to = nodes.get(edge.to);
    box.appendChild(el("div", "kg-tip-title",
      (from ? from.kg.name : edge.from) + " \u2192 " + k.label + " \u2192 " + (to ? to.kg.name : edge.to)));
    keyValue(box, "relation", k.relation);
    if (!k.provenance.length) box.appendChild(el("div", "kg-tip-more", "no statement recorded"));
    k.provenance.slice(0, MAX_SENTENCES).forEach(function (p) {
      var facts = [];
      if (p.confidence !== null) facts.push("confidence " + p.confidence.toFixed(2));
      Object.keys(p.qualifiers).forEach(function (q) { facts.push(q + " " + p.qualifiers[q]); });
      if (p.source) facts.push(p.source);
      if (facts.length) box.appendChild(el("div", "kg-tip-type", facts.join(" \u00b7 ")));
      if (p.sentence) box.appendChild(el("p", "kg-tip-sentence", p.sentence));
    });
    if (k.provenance.length > MAX_SENTENCES) {
      box.appendChild(el("div", "kg-tip-more", "+ " + (k.provenance.length - MAX_SENTENCES) +
        " more statements"));
    }
    return box;
  }

  // ---- data sets and what is shown
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();
  var showIsolated = false;
  var pinned = new Set();       // found by a search: shown whatever the filters say
  var timeRange = null;         // [first day, last day] or null for all
  var showUndated = true;
  var shownNodes = new Set();
  var shownEdges = new Set();

  function edgeInTime(e) {
    if (!timeRange) return true;
    if (!e.kg.days.length) return showUndated;
    return e.kg.days.some(function (d) { return d >= timeRange[0] && d <= timeRange[1]; });
  }

  // A node is drawn when its type is shown, it is not a minor node (no edge, or a fragment with
  // no named entity) unless those are asked for, and it has an edge that is shown: filtering
  // edges away does not leave a dust of lone nodes. A node found by a search is always drawn.
  function recompute() {
    var candidate = function (n) {
      return pinned.has(n.id) || (!hiddenTypes.has(n.kg.type) && (showIsolated || !n.kg.isolated));
    };
    shownEdges = new Set();
    var linked = new Set();
    data.edges.forEach(function (e) {
      if (hiddenRelations.has(e.kg.label) || !edgeInTime(e)) return;
      var a = byId[e.from], b = byId[e.to];
      if (!a || !b || !candidate(a) || !candidate(b)) return;
      shownEdges.add(e.id);
      linked.add(e.from);
      linked.add(e.to);
    });
    shownNodes = new Set();
    data.nodes.forEach(function (n) {
      if (pinned.has(n.id) || (candidate(n) && (linked.has(n.id) || n.kg.isolated))) {
        shownNodes.add(n.id);
      }
    });
  }
  recompute();

  var drawnFields = ["id", "x", "y", "shape", "color", "size", "title", "kg"];
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return shownNodes.has(n.id); },
    fields: drawnFields
  });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shownEdges.has(e.id); } });

  // Tooltips are built on demand: 20,000 DOM trees up front would cost more than the drawing.
  // vis-network reads `title` when it shows the popup, so hovering fills it in just before.
  function ensureTitle(set, id, build) {
    var item = set.get(id);
    if (item && !item.title) set.update({ id: id, title: build(item) });
  }

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  var hovered = null;
  network.on("hoverNode", function (params) {
    hovered = params.node;
    ensureTitle(nodes, params.node, nodeDetails);
  });
  network.on("blurNode", function () { hovered = null; });
  network.on("hoverEdge", function (params) { ensureTitle(edges, params.edge, edgeDetails); });

  // ---- labels: drawn by importance, none overlapping another
  var order = data.nodes.slice().sort(function (a, b) {
    return (b.kg.degree - a.kg.degree) || (a.kg.name < b.kg.name ? -1 : a.kg.name > b.kg.name ? 1 : 0);
  }).map(function (n) { return n.id; });
  var measure = document.createElement("canvas").getContext("2d");
  var FONT = "system-ui, sans-serif";
  measure.font = LABEL_PX + "px " + FONT;
  var widths = {};
  function labelWidth(id) {
    if (!(id in widths)) widths[id] = measure.measureText(byId[id].kg.name).width;
    return widths[id];
  }
  var labelBoxes = [];
  var near = null;  // the highlighted neighbourhood: only its labels are drawn

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    var view = network.body.view.translation;
    var width = container.clientWidth, height = container.clientHeight;
    var drawn = network.body.nodes;
    var boxes = [];
    var grid = {};
    var CELL = 64;
    function cells(box, add) {
      var hit = false;
      for (var gx = Math.floor(box.x / CELL); gx <= Math.floor((box.x + box.w) / CELL); gx++) {
        for (var gy = Math.floor(box.y / CELL); gy <= Math.floor((box.y + box.h) / CELL); gy++) {
          var key = gx + "," + gy;
          if (add) (grid[key] = grid[key] || []).push(box);
          else if (grid[key] && grid[key].some(function (o) { return overlaps(o, box); })) hit = true;
        }
      }
      return hit;
    }
    var first = [];
    if (hovered !== null) first.push(hovered);
    if (highlighted !== null) first.push(highlighted);
    var candidates = first.concat(near ? order.filter(function (id) { return near.has(id); }) : order);
    ctx.save();
    ctx.font = (LABEL_PX / scale) + "px " + FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3 / scale;
    ctx.strokeStyle = "#ffffff";
    var seen = new Set();
    for (var i = 0; i < candidates.length && boxes.length < MAX_LABELS; i++) {
      var id = candidates[i];
      if (seen.has(id) || !shownNodes.has(id)) continue;
      seen.add(id);
      var body = drawn[id];
      if (!body) continue;
      var radius = (body.options.size || 10) * scale;
      var sx = body.x * scale + view.x, sy = body.y * scale + view.y;
      var w = labelWidth(id) + 4, h = LABEL_PX + 4;
      var box = { id: id, x: sx - w / 2, y: sy + radius + 1, w: w, h: h };
      if (box.x < 0 || box.x + box.w > width || box.y < 0 || box.y + box.h > height) continue;
      if (cells(box, false)) continue;
      cells(box, true);
      boxes.push(box);
      var n = byId[id];
      ctx.fillStyle = near && !near.has(id) ? "rgba(120,130,140,0.4)" : "#1f2933";
      var tx = body.x, ty = body.y + (radius + 3) / scale;
      ctx.strokeText(n.kg.name, tx, ty);
      ctx.fillText(n.kg.name, tx, ty);
    }
    // Speakers: a small speech mark on the node of whoever said something ("X said that …").
    ctx.font = "bold " + (10 / scale) + "px " + FONT;
    ctx.textBaseline = "middle";
    ctx.lineWidth = 1 / scale;
    ctx.strokeStyle = "#1f2933";
    shownNodes.forEach(function (id) {
      var n = byId[id], body = drawn[id];
      if (!n.kg.claimCount || !body || (near && !near.has(id))) return;
      var r = body.options.size || 10;
      var bx = body.x + r * 0.75, by = body.y - r * 0.75;
      ctx.fillStyle = "#ffffff";
      ctx.beginPath();
      ctx.arc(bx, by, 5 / scale, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = "#1f2933";
      ctx.fillText("\u201d", bx, by + 2 / scale);
    });
    ctx.restore();
    labelBoxes = boxes;
  });

  // ---- neighbourhood highlight
  var FADED = "rgba(200,205,210,0.35)";
  var highlighted = null;

  function highlight(id) {
    var keep = new Set([id]);
    network.getConnectedNodes(id).forEach(function (n) { keep.add(n); });
    var nodeUpdates = [];
    nodes.forEach(function (n) {
      nodeUpdates.push({ id: n.id, color: keep.has(n.id) ? colourOf(n) : FADED });
    });
    nodes.update(nodeUpdates);
    var edgeUpdates = [];
    var close = new Set(network.getConnectedEdges(id));
    edges.forEach(function (e) {
      var on = close.has(e.id);
      edgeUpdates.push({ id: e.id, color: { color: on ? "#1f3b57" : FADED },
        font: { color: on ? "#1f2933" : "rgba(0,0,0,0)" }, label: on ? e.kg.label : "" });
    });
    edges.update(edgeUpdates);
    highlighted = id;
    near = keep;
    showDetails(nodes.get(id));
  }

  function clearHighlight() {
    network.unselectAll();
    if (highlighted === null) return;
    var nodeUpdates = [];
    nodes.forEach(function (n) { nodeUpdates.push({ id: n.id, color: colourOf(n) }); });
    nodes.update(nodeUpdates);
    var edgeUpdates = [];
    edges.forEach(function (e) {
      edgeUpdates.push({ id: e.id, color: { color: "#9aa5b1" }, font: { color: "#52606d" },
        label: "" });
    });
    edges.update(edgeUpdates);
    highlighted = null;
    near = null;
    showDetails(null);
  }

  var details = document.getElementById("kg-details");
  var clearButton = document.getElementById("kg-clear");
  function showDetails(node) {
    while (details.firstChild) details.removeChild(details.firstChild);
    clearButton.hidden = !node;
    if (!node) {
      details.appendChild(el("p", "kg-hint", "Click a node to highlight its neighbours; hover for details."));
      return;
    }
    details.appendChild(nodeDetails(node));
    if (served) {  // kg serve has a page per entity; a file opened offline has no server
      var link = el("a", "kg-entity-link", "Open the entity page");
      link.href = "/entity?iri=" + encodeURIComponent(node.id);
      details.appendChild(link);
    }
  }
  clearButton.addEventListener("click", clearHighlight);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") clearHighlight();
  });

  network.on("click", function (params) {
    if (params.nodes.length) highlight(params.nodes[0]);
    else clearHighlight();
  });

  // ---- filters, and a new layout of what is left
  var relayoutTimer = null;
  function relayoutSoon() {
    clearTimeout(relayoutTimer);
    relayoutTimer = setTimeout(relayout, 150);
  }
  function applyFilters() {
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("kg-stats").textContent = shownNodes.size + " of " + data.nodes.length +
      " nodes \u00b7 " + shownEdges.size + " of " + data.edges.length + " edges";
    relayoutSoon();
  }

  // What is left is laid out again from where it is (a short physics run), then fitted.
  function relayout() {
    var count = shownNodes.size;
    document.body.dataset.layout = "running";
    function done() {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      document.body.dataset.layout = "done";
    }
    if (count === 0 || count > RELAYOUT_MAX) { done(); return; }
    network.setOptions({ physics: { enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -4000, springLength: 120, springConstant: 0.03,
        avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: count > 600 ? 60 : 150, fit: false } } });
    network.once("stabilizationIterationsDone", done);
    network.stabilize(count > 600 ? 60 : 150);
  }

  function checkbox(parent, symbol, colour, text, count, onChange) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    if (symbol) {
      var mark = el("span", "kg-symbol", symbol);
      mark.style.color = colour;
      label.appendChild(mark);
    }
    label.appendChild(el("span", "kg-name", text));
    label.appendChild(el("span", "kg-count", count));
    parent.appendChild(label);
    return box;
  }

  var typeBoxes = {};
  var typesPanel = document.getElementById("kg-types");
  data.types.forEach(function (t) {
    typeBoxes[t.name] = checkbox(typesPanel, t.symbol, t.colour, t.name, t.count, function (on) {
      if (on) hiddenTypes.delete(t.name); else hiddenTypes.add(t.name);
      applyFilters();
    });
    typeBoxes[t.name].dataset.type = t.name;
  });
  var isolatedBox = document.getElementById("kg-isolated");
  document.getElementById("kg-isolated-count").textContent = data.isolated;
  isolatedBox.addEventListener("change", function () {
    showIsolated = isolatedBox.checked;
    applyFilters();
  });

  var relationBoxes = [];
  var relationsPanel = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    var box = checkbox(relationsPanel, null, null, r.label, r.count, function (on) {
      if (on) hiddenRelations.delete(r.label); else hiddenRelations.add(r.label);
      applyFilters();
    });
    box.dataset.relation = r.label;
    relationBoxes.push([box, r.label]);
  });
  function setAllRelations(on) {
    relationBoxes.forEach(function (pair) {
      pair[0].checked = on;
      if (on) hiddenRelations.delete(pair[1]); else hiddenRelations.add(pair[1]);
    });
    applyFilters();
  }
  document.getElementById("kg-relations-all").addEventListener("click", function () { setAllRelations(true); });
  document.getElementById("kg-relations-none").addEventListener("click", function () { setAllRelations(false); });

  // ---- colour: by community (networkx's Louvain, computed when the page was written) or type
  var legend = document.getElementById("kg-communities");
  function drawLegend() {
    while (legend.firstChild) legend.removeChild(legend.firstChild);
    if (colourMode !== "community") return;
    data.communities.forEach(function (c) {
      var line = el("div");
      var swatch = el("span", "kg-swatch");
      swatch.style.background = c.colour;
      line.appendChild(swatch);
      line.appendChild(el("span", "kg-name", c.names.join(", ")));
      line.appendChild(el("span", "kg-count", c.count));
      legend.appendChild(line);
    });
  }
  drawLegend();
  document.getElementById("kg-colour").addEventListener("change", function (event) {
    colourMode = event.target.value;
    var id = highlighted;
    if (id !== null) highlight(id);
    else {
      var updates = [];
      nodes.forEach(function (n) { updates.push({ id: n.id, color: colourOf(n) }); });
      nodes.update(updates);
    }
    drawLegend();
  });

  // ---- time: facts from one day to another (kg:time's first day), once facts carry dates
  if (data.days.length > 1) {
    document.getElementById("kg-time-section").hidden = false;
    var from = document.getElementById("kg-time-from"), to = document.getElementById("kg-time-to");
    var readout = document.getElementById("kg-time-readout");
    from.max = to.max = String(data.days.length - 1);
    to.value = String(data.days.length - 1);
    var undated = document.getElementById("kg-time-undated");
    var showRange = function () {
      var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
      readout.textContent = data.days[a] + " \u2013 " + data.days[b];
      return [a, b];
    };
    var onTime = function () {
      var range = showRange();
      var all = range[0] === 0 && range[1] === data.days.length - 1 && undated.checked;
      timeRange = all ? null : [data.days[range[0]], data.days[range[1]]];
      showUndated = undated.checked;
      applyFilters();
    };
    showRange();
    from.addEventListener("input", onTime);
    to.addEventListener("input", onTime);
    undated.addEventListener("change", onTime);
  }

  // ---- search
  var names = document.getElementById("kg-search-names");
  var seen = new Set();
  data.nodes.forEach(function (n) {
    if (seen.has(n.kg.name) || seen.size >= 5000) return;
    seen.add(n.kg.name);
    var option = el("option");
    option.value = n.kg.name;
    names.appendChild(option);
  });

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var exact = null, prefix = null, part = null;
    // The most connected first: "China" finds the country before a lone mention of it.
    order.forEach(function (id) {
      var n = byId[id];
      var texts = [n.kg.name].concat(n.kg.aliases).map(function (s) { return s.toLowerCase(); });
      if (!exact && texts.indexOf(q) >= 0) exact = n;
      if (!prefix && texts.some(function (s) { return s.indexOf(q) === 0; })) prefix = n;
      if (!part && texts.some(function (s) { return s.indexOf(q) >= 0; })) part = n;
    });
    return exact || prefix || part;
  }

  var status = document.getElementById("kg-search-status");
  document.getElementById("kg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("kg-search-input").value;
    var node = find(query);
    if (!node) {
      status.textContent = "no match for \u201c" + query + "\u201d";
      return;
    }
    if (!shownNodes.has(node.id)) {  // hidden by a filter, or isolated: shown for the search
      pinned.add(node.id);
      recompute();
      nodeView.refresh();
      edgeView.refresh();
    }
    network.selectNodes([node.id]);
    highlight(node.id);
    network.focus(node.id, { scale: Math.max(network.getScale(), 1.2),
      animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    status.textContent = "found " + node.kg.name;
  });

  // ---- ready: drawn once with physics settled (or off), so the page answers input at once
  document.getElementById("kg-stats").textContent = shownNodes.size + " of " + data.nodes.length +
    " nodes \u00b7 " + shownEdges.size + " of " + data.edges.length + " edges";
  function ready() {
    network.fit({ animation: false });
    network.once("afterDrawing", function () {
      window.kgReady = true;
      document.body.dataset.ready = "true";
    });
    network.redraw();
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      // Settled: stop the simulation so that the picture holds still and dragging is cheap.
      network.setOptions({ physics: { enabled: false } });
      ready();
    });
  } else {
    ready();
  }

  window.kg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView,
    edgeView: edgeView, find: find, highlight: highlight, clear: clearHighlight,
    nodeDetails: nodeDetails, edgeDetails: edgeDetails, colourOf: colourOf,
    labelBoxes: function () { return labelBoxes.map(function (b) { return Object.assign({}, b); }); },
    shown: function () { return Array.from(shownNodes); } };
})();
