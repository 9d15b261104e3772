// kg graph view. Every text from the graph reaches the DOM through textContent or
// createTextNode only (never innerHTML), and vis-network tooltips are DOM elements, not HTML
// strings: a label that spells out an img tag with an onerror handler is shown as characters.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var MAX_SENTENCES = 4;

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

  function nodeDetails(node) {
    var box = el("div", "kg-tip");
    var k = node.kg;
    box.appendChild(el("div", "kg-tip-title", node.label));
    box.appendChild(el("div", "kg-tip-type", k.type + " \u00b7 " + k.degree + " edge" +
      (k.degree === 1 ? "" : "s")));
    if (k.aliases.length) keyValue(box, "also", k.aliases.join("; "));
    if (k.roles.length) keyValue(box, "role", k.roles.join("; "));
    keyValue(box, "id", node.id);
    sentences(box, k.sentences);
    return box;
  }

  function edgeDetails(edge) {
    var box = el("div", "kg-tip");
    var k = edge.kg;
    var from = nodes.get(edge.from), to = nodes.get(edge.to);
    box.appendChild(el("div", "kg-tip-title",
      (from ? from.label : edge.from) + " \u2192 " + k.label + " \u2192 " + (to ? to.label : edge.to)));
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

  // ---- header
  document.getElementById("kg-stats").textContent =
    data.nodes.length + " nodes \u00b7 " + data.edges.length + " edges";

  // ---- data sets and filtered views
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenTypes.has(n.kg.type); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !hiddenRelations.has(e.kg.label); }
  });

  // Tooltips are built on demand: 20,000 DOM trees up front would cost more than the drawing.
  // vis-network reads `title` when it shows the popup, so hovering fills it in just before.
  function ensureTitle(set, id, build) {
    var item = set.get(id);
    if (item && !item.title) set.update({ id: id, title: build(item) });
  }

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  network.on("hoverNode", function (params) { ensureTitle(nodes, params.node, nodeDetails); });
  network.on("hoverEdge", function (params) { ensureTitle(edges, params.edge, edgeDetails); });

  // ---- neighbourhood highlight
  var FADED = "rgba(200,205,210,0.35)";
  var highlighted = null;

  function highlight(id) {
    var keep = new Set([id]);
    network.getConnectedNodes(id).forEach(function (n) { keep.add(n); });
    var nodeUpdates = [];
    nodes.forEach(function (n) {
      var on = keep.has(n.id);
      nodeUpdates.push({ id: n.id, color: on ? n.kg.colour : FADED,
        font: { color: on ? "#1f2933" : "rgba(120,130,140,0.4)" } });
    });
    nodes.update(nodeUpdates);
    var edgeUpdates = [];
    var near = new Set(network.getConnectedEdges(id));
    edges.forEach(function (e) {
      var on = near.has(e.id);
      var update = { id: e.id, color: { color: on ? "#1f3b57" : FADED },
        font: { color: on ? "#1f2933" : "rgba(0,0,0,0)" } };
      // Big graphs carry no edge labels (see kg/view.py); the highlighted ones get theirs.
      if (!data.edgeLabels) update.label = on ? e.kg.label : "";
      edgeUpdates.push(update);
    });
    edges.update(edgeUpdates);
    highlighted = id;
    showDetails(nodes.get(id));
  }

  function clearHighlight() {
    if (highlighted === null) return;
    var nodeUpdates = [];
    nodes.forEach(function (n) {
      nodeUpdates.push({ id: n.id, color: n.kg.colour, font: { color: "#1f2933" } });
    });
    nodes.update(nodeUpdates);
    var edgeUpdates = [];
    edges.forEach(function (e) {
      var update = { id: e.id, color: { color: "#9aa5b1" }, font: { color: "#52606d" } };
      if (!data.edgeLabels) update.label = "";
      edgeUpdates.push(update);
    });
    edges.update(edgeUpdates);
    highlighted = null;
    showDetails(null);
  }

  var details = document.getElementById("kg-details");
  function showDetails(node) {
    while (details.firstChild) details.removeChild(details.firstChild);
    if (node) details.appendChild(nodeDetails(node));
    else details.appendChild(el("p", "kg-hint", "Click a node to highlight its neighbours; hover for details."));
  }

  network.on("click", function (params) {
    if (params.nodes.length) highlight(params.nodes[0]);
    else clearHighlight();
  });

  // ---- filters
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
      nodeView.refresh();
    });
    typeBoxes[t.name].dataset.type = t.name;
  });

  var relationBoxes = [];
  var relationsPanel = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    var box = checkbox(relationsPanel, null, null, r.label, r.count, function (on) {
      if (on) hiddenRelations.delete(r.label); else hiddenRelations.add(r.label);
      edgeView.refresh();
    });
    box.dataset.relation = r.label;
    relationBoxes.push([box, r.label]);
  });
  function setAllRelations(on) {
    relationBoxes.forEach(function (pair) {
      pair[0].checked = on;
      if (on) hiddenRelations.delete(pair[1]); else hiddenRelations.add(pair[1]);
    });
    edgeView.refresh();
  }
  document.getElementById("kg-relations-all").addEventListener("click", function () { setAllRelations(true); });
  document.getElementById("kg-relations-none").addEventListener("click", function () { setAllRelations(false); });

  // ---- search
  var names = document.getElementById("kg-search-names");
  var seen = new Set();
  data.nodes.forEach(function (n) {
    if (seen.has(n.label) || seen.size >= 5000) return;
    seen.add(n.label);
    var option = el("option");
    option.value = n.label;
    names.appendChild(option);
  });

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var exact = null, prefix = null, part = null;
    data.nodes.forEach(function (n) {
      var texts = [n.label].concat(n.kg.aliases).map(function (s) { return s.toLowerCase(); });
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
    if (hiddenTypes.has(node.kg.type)) {  // a hidden node cannot be focused: show its type again
      hiddenTypes.delete(node.kg.type);
      typeBoxes[node.kg.type].checked = true;
      nodeView.refresh();
    }
    network.selectNodes([node.id]);
    highlight(node.id);
    network.focus(node.id, { scale: Math.max(network.getScale(), 1.2),
      animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    status.textContent = "found " + node.label;
  });

  // ---- ready: drawn once with physics settled (or off), so the page answers input at once
  function ready() {
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
    edgeView: edgeView, find: find, highlight: highlight, nodeDetails: nodeDetails,
    edgeDetails: edgeDetails };
})();
