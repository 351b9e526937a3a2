/* Investment by year (ECharts): CNY-equivalent totals, a bar per year, the high end of ranges on top. */
(function () {
  "use strict";
  window.chipmapProjects = {
    investment: function (elementId, dataId) {
      var el = document.getElementById(elementId);
      var source = document.getElementById(dataId);
      if (!el || !source) { return null; }
      var data = JSON.parse(source.textContent);
      var extra = data.high.map(function (h, i) { return Math.max(0, Math.round((h - data.low[i]) * 1000) / 1000); });
      var chart = echarts.init(el);
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: {},
        grid: { left: 60, right: 20, top: 40, bottom: 30 },
        xAxis: { type: "category", data: data.years },
        yAxis: { type: "value", name: "CNY bn" },
        series: [
          { type: "bar", name: "investment (CNY bn)", stack: "cny", data: data.low, itemStyle: { color: "#1f5fa8" } },
          { type: "bar", name: "range (high end)", stack: "cny", data: extra, itemStyle: { color: "#9bb8dc" } },
          { type: "line", name: "projects", data: data.projects, yAxisIndex: 0, symbolSize: 6 }
        ]
      });
      window.addEventListener("resize", function () { chart.resize(); });
      el.dataset.rendered = "true";
      el.dataset.years = String(data.years.length);
      return chart;
    }
  };
})();
