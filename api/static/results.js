// Result views and query history for the workbench. Plain DOM and SVG; nothing is fetched.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const KEY = "firmgraph.history";
  const MAX_HISTORY = 30;

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function tableData(table) {
    const columns = Array.from(table.tHead.rows[0].cells).map((th) => th.textContent.replace(/[▲▼]/g, "").trim());
    const rows = Array.from(table.tBodies[0].rows).map((tr) =>
      Array.from(tr.cells).map((td) => { const a = td.querySelector("a, span"); return a ? a.textContent.trim() : ""; }));
    return { columns, rows };
  }

  function numericColumns(data) {
    return data.columns.map((_, i) => i).filter((i) =>
      data.rows.some((r) => r[i] !== "") && data.rows.every((r) => r[i] === "" || isFinite(Number(r[i]))));
  }

  function draw(box, data, value, label, kind) {
    box.querySelector("svg") && box.querySelector("svg").remove();
    const rows = data.rows.filter((r) => r[value] !== "").slice(0, 60);
    const values = rows.map((r) => Number(r[value]));
    const peak = Math.max(1, ...values.map(Math.abs));
    const width = 760, bar = 22, left = 220, height = kind === "bar" ? rows.length * bar + 30 : 320;
    const svg = el("svg", { width: "100%", viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `${kind} chart of ${data.columns[value]} by ${data.columns[label]}` });
    if (kind === "bar") {
      rows.forEach((r, i) => {
        const w = (width - left - 80) * Math.abs(values[i]) / peak, y = 10 + i * bar;
        svg.appendChild(el("text", { x: left - 8, y: y + 15, "text-anchor": "end", "font-size": 13 }, String(r[label]).slice(0, 32)));
        svg.appendChild(el("rect", { x: left, y: y + 3, width: Math.max(w, 1), height: bar - 6, fill: "#1f5fbf" }));
        svg.appendChild(el("text", { x: left + w + 6, y: y + 15, "font-size": 13 }, values[i].toLocaleString("en")));
      });
    } else {
      const x0 = 60, x1 = width - 20, y0 = height - 40, y1 = 20;
      const step = rows.length > 1 ? (x1 - x0) / (rows.length - 1) : 0;
      const points = values.map((v, i) => `${x0 + i * step},${y0 - (y0 - y1) * v / peak}`).join(" ");
      svg.appendChild(el("line", { x1: x0, y1: y0, x2: x1, y2: y0, stroke: "#888" }));
      svg.appendChild(el("polyline", { points, fill: "none", stroke: "#1f5fbf", "stroke-width": 2 }));
      svg.appendChild(el("text", { x: x0 - 6, y: y1 + 4, "text-anchor": "end", "font-size": 12 }, peak.toLocaleString("en")));
      rows.forEach((r, i) => {
        if (rows.length <= 12 || i % Math.ceil(rows.length / 12) === 0) {
          svg.appendChild(el("text", { x: x0 + i * step, y: y0 + 18, "text-anchor": "middle", "font-size": 12 }, String(r[label]).slice(0, 12)));
        }
      });
    }
    box.appendChild(svg);
  }

  function chart(button) {
    const box = document.getElementById("chart"), table = document.getElementById("result-table");
    if (!box || !table) return;
    const data = tableData(table), numeric = numericColumns(data);
    box.hidden = !box.hidden;
    button.setAttribute("aria-expanded", String(!box.hidden));
    if (box.hidden || box.dataset.ready) return;
    box.dataset.ready = "1";
    if (!numeric.length) { box.textContent = "No column of this page holds only numbers: nothing to chart."; return; }
    const labels = data.columns.map((_, i) => i).filter((i) => !numeric.includes(i));
    const form = document.createElement("div");
    form.className = "chart-controls";
    const select = (name, options, chosen) => {
      const s = document.createElement("select"); s.name = name; s.setAttribute("aria-label", name);
      options.forEach(([v, t]) => { const o = document.createElement("option"); o.value = v; o.textContent = t; s.appendChild(o); });
      s.value = String(chosen); form.appendChild(s); return s;
    };
    const value = select("value", numeric.map((i) => [i, data.columns[i]]), numeric[0]);
    const label = select("label", (labels.length ? labels : [0]).map((i) => [i, data.columns[i]]), labels.length ? labels[0] : 0);
    const kind = select("chart type", [["bar", "bar"], ["line", "line"]], "bar");
    box.appendChild(form);
    const redraw = () => draw(box, data, Number(value.value), Number(label.value), kind.value);
    [value, label, kind].forEach((s) => s.addEventListener("change", redraw));
    redraw();
  }

  function history() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }

  function remember(text) {
    const kept = history().filter((h) => h.query !== text);
    kept.unshift({ query: text, at: new Date().toISOString() });
    try { localStorage.setItem(KEY, JSON.stringify(kept.slice(0, MAX_HISTORY))); } catch (e) { /* storage full or off */ }
  }

  function showHistory(textarea) {
    const list = document.getElementById("history-list");
    if (!list) return;
    list.textContent = "";
    const items = history();
    if (!items.length) { const li = document.createElement("li"); li.textContent = "Queries you run appear here (kept in this browser only)."; list.appendChild(li); return; }
    items.forEach((h) => {
      const li = document.createElement("li"), b = document.createElement("button");
      b.type = "button"; b.className = "history-item";
      b.textContent = h.query.replace(/^\s*(#.*|PREFIX.*)\n/gm, "").replace(/\s+/g, " ").trim().slice(0, 120);
      b.title = h.at;
      b.addEventListener("click", () => { textarea.value = h.query; textarea.dispatchEvent(new Event("input")); textarea.focus(); });
      li.appendChild(b); list.appendChild(li);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const button = document.getElementById("show-chart");
    if (button) button.addEventListener("click", () => chart(button));
    const textarea = document.getElementById("query"), form = document.getElementById("query-form");
    if (textarea && form) {
      const ran = new URLSearchParams(location.search).get("query");
      if (ran && !document.getElementById("error")) remember(ran);
      form.addEventListener("submit", () => remember(textarea.value));
      showHistory(textarea);
    }
  });
})();
