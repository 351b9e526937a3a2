/* Dashboard charts (ECharts). Data arrive as JSON in <script type="application/json"> tags. */
(function () {
  "use strict";
  function read(id) { return JSON.parse(document.getElementById(id).textContent); }
  function draw(elementId, option) {
    var el = document.getElementById(elementId);
    var chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    el.dataset.rendered = "true";
    return chart;
  }
  window.chipmapCharts = {
    coverage: function (elementId, dataId) {
      var data = read(dataId);
      var el = document.getElementById(elementId);
      el.dataset.nonzero = String(data.counts.filter(function (c) { return c > 0; }).length);
      return draw(elementId, {
        animation: false,
        grid: { left: 130, right: 20, top: 10, bottom: 30 },
        tooltip: {},
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: data.labels, inverse: true },
        series: [{ type: "bar", data: data.counts, itemStyle: { color: "#1f5fa8" }, label: { show: true, position: "right" } }]
      });
    },
    compare: function (elementId, dataId) {
      var data = read(dataId);
      return draw(elementId, {
        animation: false,
        legend: {},
        tooltip: {},
        grid: { left: 50, right: 20, top: 40, bottom: 60 },
        xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: "value", minInterval: 1 },
        series: data.series.map(function (s) { return { type: "bar", name: s.name, data: s.counts }; })
      });
    }
  };
})();
