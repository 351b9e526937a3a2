/* Graph explorer (Cytoscape): clicking a node offers to open it or to centre the explorer on it. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var colours = { org: "#1f5fa8", place: "#2a8a4a", person: "#b36b00", event: "#8a3ea8" };
  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: data.nodes.concat(data.edges),
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 8, "width": 14, "height": 14,
        "text-wrap": "ellipsis", "text-max-width": 110,
        "background-color": function (n) { return colours[n.data("type")] || "#777"; },
        "text-valign": "bottom", "text-margin-y": 3, "color": "#1d2330" } },
      { selector: "edge", style: { "width": 1, "line-color": "#c3cad6", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "target-arrow-color": "#c3cad6", "arrow-scale": 0.6 } }
    ],
    maxZoom: 1.4,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 400000, idealEdgeLength: 120,
              nodeOverlap: 20, padding: 30 }
  });
  var container = document.getElementById("graph");
  container.dataset.drawn = String(cy.nodes().length);
  window.chipmapGraph = cy;
  var panel = document.getElementById("graph-node");
  cy.on("tap", "node", function (evt) {
    var id = evt.target.id();
    panel.textContent = "";
    var name = document.createElement("b");
    name.textContent = evt.target.data("label") + " ";
    var open = document.createElement("a");
    open.href = "/entity/" + encodeURIComponent(id);
    open.textContent = "open";
    var centre = document.createElement("a");
    centre.href = "/graph?entity=" + encodeURIComponent(id);
    centre.textContent = "centre here";
    panel.append(name, open, " · ", centre);
  });
})();
