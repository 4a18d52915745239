// claimscope web UI: record pop-ups on the article page and the estimate chart on a measure page.
// Data comes from <script type="application/json"> blocks and is shown through textContent only.
"use strict";

function readJson(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

function setupRecords() {
  const records = readJson("records");
  const text = document.getElementById("article-text");
  const box = document.getElementById("record-box");
  if (!records || !text || !box) return;
  text.addEventListener("mouseover", (event) => {
    const span = event.target.closest(".hl");
    if (!span) return;
    box.replaceChildren();
    for (const id of (span.dataset.r || "").split(" ")) {
      const rec = records[id];
      if (!rec) continue;
      const title = document.createElement("h4");
      title.textContent = rec.kind;
      const list = document.createElement("dl");
      for (const [label, value] of rec.rows) {
        const dt = document.createElement("dt");
        dt.textContent = label;
        const dd = document.createElement("dd");
        dd.textContent = value;
        list.append(dt, dd);
      }
      box.append(title, list);
    }
    const rect = span.getBoundingClientRect();
    box.style.left = `${window.scrollX + rect.left}px`;
    box.style.top = `${window.scrollY + rect.bottom + 6}px`;
    box.hidden = false;
  });
  text.addEventListener("mouseleave", () => { box.hidden = true; });
}

const PALETTE = ["#2457c5", "#d64545", "#2f9e5b", "#d9822b", "#7b4fc9", "#1a9bb0", "#b0418a",
  "#6b7385", "#8a6d1f", "#3d6e2f"];

function setupChart() {
  const data = readJson("chart-data");
  const canvas = document.getElementById("measure-chart");
  if (!data || !canvas || typeof Chart === "undefined") return;
  // one category per estimate, in time order; one dataset (colour) per source
  const labels = data.estimates.map((e) => e.as_of);
  const sources = [...new Set(data.estimates.map((e) => e.source))];
  const datasets = sources.map((source, i) => ({
    type: "bar",
    label: source,
    backgroundColor: PALETTE[i % PALETTE.length],
    minBarLength: 5,
    grouped: false,
    // "up to N" is drawn from 0; "more than N" as a mark at N (its label says it is open)
    data: data.estimates.map((e) => {
      if (e.source !== source || (e.low === null && e.high === null)) return null;
      return [e.low ?? 0, e.high ?? e.low];
    }),
  }));
  for (const [key, dash] of [["low", [4, 4]], ["best", []], ["high", [4, 4]]]) {
    const value = data.summary[key];
    if (value === null || value === undefined) continue;
    datasets.push({
      type: "line", label: `summary ${key}`, data: labels.map(() => value),
      borderColor: "#1d2330", borderDash: dash, borderWidth: key === "best" ? 2 : 1,
      pointRadius: 0, fill: false,
    });
  }
  const chart = new Chart(canvas, {
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: "as of" } },
        y: { title: { display: true, text: "value" }, beginAtZero: true },
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            label: (item) => {
              const est = data.estimates[item.dataIndex];
              return item.dataset.type === "bar"
                ? `${est.source}: ${est.label}` : `${item.dataset.label}: ${item.raw}`;
            },
          },
        },
      },
    },
  });
  canvas.dataset.points = String(
    chart.data.datasets.filter((d) => d.type === "bar")
      .reduce((n, d) => n + d.data.filter((v) => v !== null).length, 0));
}

document.addEventListener("DOMContentLoaded", () => {
  setupRecords();
  setupChart();
});
