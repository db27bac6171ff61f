// policyqa chat page: plain JS, no build step.
"use strict";

const $ = (selector) => document.querySelector(selector);
const HISTORY_KEY = "policyqa.history";
const SESSION_KEY = "policyqa.session";
const STATUS_LABEL = { not_found: "文件中未找到", out_of_scope: "超出范围" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// ---------------------------------------------------------------- history
function loadHistory() {
  try { return JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); } catch { return []; }
}
function saveHistory(items) { localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(-50))); }

// ---------------------------------------------------------------- rendering
function renderAnswer(box, record) {
  box.className = `msg assistant ${record.status}`;
  box.replaceChildren();
  if (STATUS_LABEL[record.status]) box.append(el("span", { class: "status-tag" }, STATUS_LABEL[record.status]), "\n");
  const byNumber = Object.fromEntries(record.citations.map((c) => [c.n, c]));
  for (const part of record.answer.split(/(\[\d+\])/)) {
    const match = part.match(/^\[(\d+)\]$/);
    if (match && byNumber[match[1]]) {
      const citation = byNumber[match[1]];
      box.append(el("button", { class: "cite", type: "button", "aria-label": `查看出处 ${citation.n}`,
        onclick: () => openSource(citation) }, `[${citation.n}]`));
    } else {
      box.append(part);
    }
  }
  if (record.citations.length) {
    const list = el("ol", { class: "sources" });
    for (const c of record.citations) {
      list.append(el("li", {}, el("button", { type: "button", onclick: () => openSource(c) },
        `${c.title} › ${c.breadcrumb}`)));
    }
    box.append(list);
  }
  const copy = el("button", { type: "button", class: "secondary", onclick: async () => {
    await navigator.clipboard.writeText(record.answer).catch(() => {});
    copy.textContent = "已复制";
  } }, "复制答案");
  box.append(el("div", { class: "msg-actions" }, copy));
}

function addUser(text) { $("#messages").append(el("div", { class: "msg user" }, text)); }

// ---------------------------------------------------------------- source panel
async function openSource(citation) {
  const panel = $("#source");
  const response = await fetch(`/v1/clause?id=${encodeURIComponent(citation.clause_id)}`);
  if (!response.ok) return;
  const clause = await response.json();
  const from = Math.max(0, citation.start - clause.start);
  const to = Math.min(clause.text.length, citation.end - clause.start);
  $("#source-title").textContent = citation.title;
  $("#source-crumb").textContent = citation.breadcrumb;
  $("#source-text").replaceChildren(clause.text.slice(0, from),
    el("mark", {}, clause.text.slice(from, to)), clause.text.slice(to));
  panel.hidden = false;
  panel.focus();
  panel.querySelector("mark").scrollIntoView({ block: "center" });
}
function closeSource() { $("#source").hidden = true; }

// ---------------------------------------------------------------- asking
async function ask(question) {
  question = question.trim();
  if (!question) return;
  addUser(question);
  const box = el("div", { class: "msg assistant", "aria-busy": "true" }, "…");
  $("#messages").append(box);
  box.scrollIntoView({ block: "end" });
  $("#send").disabled = true;
  try {
    const response = await fetch("/v1/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, session_id: localStorage.getItem(SESSION_KEY) }),
    });
    if (!response.ok) {
      const error = await response.json().catch(() => ({ message: response.statusText }));
      box.className = "msg assistant not_found";
      box.textContent = error.message || "出错了";
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "", streamed = "", record = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const raw = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(raw)?.[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(raw)?.[1] || "{}");
        if (event === "answer") { streamed += data.text; box.textContent = streamed; }
        if (event === "citations") record = data;
      }
    }
    if (record) {
      localStorage.setItem(SESSION_KEY, record.session_id);
      renderAnswer(box, record);
      const history = loadHistory();
      history.push({ question, record });
      saveHistory(history);
    }
  } catch (error) {
    box.textContent = "网络错误，请重试。";
  } finally {
    box.removeAttribute("aria-busy");
    $("#send").disabled = false;
  }
}

// ---------------------------------------------------------------- staff tabs
async function loadMatrix() {
  const doc = $("#matrix-doc").value, dept = $("#matrix-dept").value.trim();
  const params = new URLSearchParams();
  if (doc) params.set("doc", doc);
  if (dept) params.set("dept", dept);
  $("#matrix-csv").href = `/v1/tasks?format=csv&${params}`;
  const rows = await (await fetch(`/v1/tasks?${params}`)).json();
  const body = $("#matrix tbody");
  // The clause as people cite it, with its id beneath for copying.
  body.replaceChildren(...rows.map((r) => el("tr", {},
    el("td", {}, r.document),
    el("td", {}, el("div", {}, r.path), el("code", { class: "clause-id" }, r.clause_id)),
    el("td", {}, r.title), el("td", {}, r.lead.join("、")),
    el("td", {}, r.departments.join("、")), el("td", {}, r.deadlines.map((d) => d.text).join("、")))));
}

// Suggested questions come from the loaded documents: a new plan brings its own.
async function loadSuggestions() {
  const questions = await (await fetch("/v1/suggestions")).json();
  $("#suggestions").replaceChildren(...questions.map((q) => {
    const chip = el("button", { class: "chip", type: "button" }, q);
    chip.addEventListener("click", () => ask(q));
    return chip;
  }));
}

async function loadDocuments() {
  const documents = await (await fetch("/v1/documents")).json();
  for (const d of documents) $("#matrix-doc").append(el("option", { value: d.id }, d.short_title || d.title));
}

async function loadTimeline() {
  const rows = await (await fetch("/v1/tasks")).json();
  const items = rows.flatMap((r) => r.deadlines.filter((d) => d.date && !d.recurring)
    .map((d) => ({ date: d.date, text: d.text, task: r })));
  items.sort((a, b) => a.date.localeCompare(b.date));
  $("#timeline").replaceChildren(...items.map((i) => el("li", {},
    el("strong", {}, `${i.date}（${i.text}）`), " ",
    el("span", { class: "plan" }, i.task.document), " ", `${i.task.path}`)));
}

async function loadObligations() {
  const industry = $("#industry").value;
  const rows = await (await fetch(`/v1/obligations${industry ? `?industry=${encodeURIComponent(industry)}` : ""}`)).json();
  $("#obligations").replaceChildren(...rows.map((o) => el("li", {},
    el("div", {}, o.action),
    el("div", { class: "crumb" },
      el("span", { class: "plan" }, o.document), ` ${o.path}；时限：${o.deadline || "文件未规定"}；主管部门：${o.departments.join("、") || "未写明"}`))));
}

function selectTab(tab) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
  }
  tab.focus();
  closeSource();  // a citation belongs to the chat; it does not stay over other tabs
  if (tab.id === "tab-matrix") loadMatrix();
  if (tab.id === "tab-timeline") loadTimeline();
  if (tab.id === "tab-obligations") loadObligations();
}

// ---------------------------------------------------------------- wiring
function init() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) selectTab(tabs[(i + step + tabs.length) % tabs.length]);
    });
  });
  $("#ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const question = $("#question").value;
    $("#question").value = "";
    ask(question);
  });
  $("#question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("#ask-form").requestSubmit();
    }
  });
  loadSuggestions();
  $("#clear").addEventListener("click", () => {
    localStorage.removeItem(HISTORY_KEY);
    localStorage.removeItem(SESSION_KEY);
    $("#messages").replaceChildren();
  });
  $("#source-close").addEventListener("click", closeSource);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeSource(); });
  $("#matrix-doc").addEventListener("change", loadMatrix);
  $("#matrix-dept").addEventListener("input", loadMatrix);
  $("#industry").addEventListener("change", loadObligations);
  for (const item of loadHistory()) {
    addUser(item.question);
    const box = el("div");
    $("#messages").append(box);
    renderAnswer(box, item.record);
  }
  loadDocuments();
}

init();
