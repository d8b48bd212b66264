// app.js drives the playground page: the people list, two chat panes and
// the event stream. Every action is a POST to the view of the fake; every
// change comes back as a snapshot over Server-Sent Events.
"use strict";

const state = { config: null, people: [], panes: {}, source: null };

async function api(path, body) {
  const opts = body === undefined ? {} : body instanceof FormData
    ? { method: "POST", body }
    : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, opts);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// --- people ---------------------------------------------------------------

function renderPeople() {
  const list = document.getElementById("people-list");
  list.replaceChildren();
  for (const p of state.people) {
    const li = el("li", "person");
    li.dataset.id = p.id;
    const who = el("div", "who");
    who.append(el("span", "name", p.name), el("span", "role", `${p.role || "Relawan"} · id ${p.id}`));
    li.append(who);
    for (const side of ["left", "right"]) {
      const b = el("button", "open-" + side, side === "left" ? "Kiri" : "Kanan");
      b.type = "button";
      b.addEventListener("click", () => openChat(side, p.id));
      if (state.panes[side].person === p.id) b.classList.add("active");
      li.append(b);
    }
    list.append(li);
  }
  for (const side of ["left", "right"]) {
    const pane = state.panes[side];
    const p = state.people.find((x) => x.id === pane.person);
    pane.root.querySelector(".pane-title").textContent = p ? p.name : "Pilih orang di daftar";
    pane.root.querySelector(".pane-sub").textContent = p ? `${p.role || "Relawan"} · id ${p.id} · dengan PilarBot` : "";
    pane.root.querySelector(".avatar").textContent = p ? p.name.trim().charAt(0).toUpperCase() : "?";
  }
}

document.getElementById("new-person").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const err = document.getElementById("new-error");
  err.textContent = "";
  try {
    const p = await api("/api/people", {
      name: document.getElementById("new-name").value,
      phone: document.getElementById("new-phone").value,
    });
    ev.target.reset();
    const side = state.panes.right.person === state.config.admin.id ? "left" : "right";
    openChat(side, p.id);
  } catch (e) {
    err.textContent = e.message;
  }
});

function openChat(side, id) {
  const pane = state.panes[side];
  pane.person = id;
  pane.snapshot = null;
  pane.stick = true;
  pane.root.querySelector(".messages").replaceChildren();
  pane.root.querySelector(".keyboard").replaceChildren();
  localStorage.setItem("pane-" + side, String(id));
  renderPeople();
  connect();
}

// --- events -----------------------------------------------------------------

function connect() {
  if (state.source) state.source.close();
  const chats = ["left", "right"].map((s) => state.panes[s].person).filter(Boolean);
  const src = new EventSource("/api/events?chats=" + chats.join(","));
  const status = document.getElementById("status");
  src.onopen = () => { status.textContent = "tersambung"; status.className = "status ok"; };
  src.onerror = () => { status.textContent = "terputus, menyambung lagi…"; status.className = "status bad"; };
  src.addEventListener("people", (ev) => {
    state.people = JSON.parse(ev.data);
    // After a restart of the playground a person typed on the page may
    // be gone (nothing stored for them); show the admin instead.
    for (const side of ["left", "right"]) {
      const pane = state.panes[side];
      if (pane.person && !state.people.some((p) => p.id === pane.person)) {
        openChat(side, side === "left" ? state.config.admin.id : 0);
        return;
      }
    }
    renderPeople();
  });
  src.addEventListener("chat", (ev) => {
    const snap = JSON.parse(ev.data);
    for (const side of ["left", "right"]) {
      if (state.panes[side].person === snap.chat_id) renderChat(state.panes[side], snap);
    }
  });
  state.source = src;
}

async function start() {
  state.config = await api("/api/config");
  state.people = await api("/api/people");
  for (const side of ["left", "right"]) {
    const root = document.getElementById("pane-" + side);
    root.append(document.getElementById("pane-template").content.cloneNode(true));
    state.panes[side] = { side, root, person: 0, snapshot: null, stick: true };
    setupPane(state.panes[side]);
  }
  const known = (id) => state.people.some((p) => p.id === id);
  const saved = (side) => Number(localStorage.getItem("pane-" + side));
  state.panes.left.person = known(saved("left")) ? saved("left") : state.config.admin.id;
  const firstOther = state.people.find((p) => p.id !== state.config.admin.id);
  state.panes.right.person = known(saved("right")) ? saved("right") : firstOther ? firstOther.id : 0;
  renderPeople();
  connect();
}

start().catch((e) => { document.getElementById("status").textContent = "gagal: " + e.message; });
