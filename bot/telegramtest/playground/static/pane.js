// pane.js is one chat pane: the messages of a private chat with the bot,
// its inline buttons, the reply keyboard under the input, the command
// menu, and what a person sends (text, photos, a sticker, a contact, a
// location).
"use strict";

function setupPane(pane) {
  const root = pane.root;
  const input = root.querySelector(".text-input");
  const msgs = root.querySelector(".messages");
  msgs.addEventListener("scroll", () => {
    pane.stick = msgs.scrollHeight - msgs.scrollTop - msgs.clientHeight < 40;
  });
  root.querySelector(".composer").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    sendText(pane, text);
  });
  root.querySelector(".location-button").addEventListener("click", () => openLocation(pane));
  root.querySelector(".sticker-button").addEventListener("click", () => act(pane, "sticker", {}));
  root.querySelector(".photo-input").addEventListener("change", (ev) => {
    const files = [...ev.target.files];
    ev.target.value = "";
    if (!files.length) return;
    const form = new FormData();
    for (const f of files) form.append("photo", f);
    form.append("caption", input.value);
    input.value = "";
    act(pane, "photos", form);
  });
  root.querySelector(".menu-button").addEventListener("click", () => {
    const menu = root.querySelector(".menu");
    menu.hidden = !menu.hidden;
  });
  root.querySelector(".keyboard-toggle").addEventListener("click", () => {
    pane.keyboardOpen = !pane.keyboardOpen;
    renderKeyboard(pane);
  });
  setupLocation(pane);
  root.querySelector(".alert button").addEventListener("click", () => { root.querySelector(".alert").hidden = true; });
}

async function act(pane, action, body) {
  if (!pane.person) return;
  pane.stick = true;
  try {
    return await api(`/api/chats/${pane.person}/${action}`, body);
  } catch (e) {
    toast(pane, e.message);
  }
}

function sendText(pane, text) { return act(pane, "text", { text }); }

function toast(pane, text) {
  const t = pane.root.querySelector(".toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(pane.toastTimer);
  pane.toastTimer = setTimeout(() => { t.hidden = true; }, 3000);
}

function alertBox(pane, text) {
  const a = pane.root.querySelector(".alert");
  a.querySelector("p").textContent = text;
  a.hidden = false;
}

async function press(pane, msgID, data, button) {
  button.classList.add("pressing");
  const res = await act(pane, "press", { message_id: msgID, data });
  button.classList.remove("pressing");
  if (!res || !res.text) return;
  if (res.show_alert) alertBox(pane, res.text);
  else toast(pane, res.text);
}

// --- drawing the chat -------------------------------------------------------

function renderChat(pane, snap) {
  pane.snapshot = snap;
  const msgs = pane.root.querySelector(".messages");
  const frag = document.createDocumentFragment();
  const shown = snap.messages.filter((m) => !m.deleted);
  for (let i = 0; i < shown.length; i++) {
    const m = shown[i];
    let group = [m];
    while (m.media_group_id && i + 1 < shown.length && shown[i + 1].media_group_id === m.media_group_id) {
      group.push(shown[++i]);
    }
    frag.append(bubble(pane, group));
  }
  msgs.replaceChildren(frag);
  renderMenu(pane, snap.commands);
  renderKeyboard(pane); // before scrolling: the keyboard takes height
  if (pane.stick) msgs.scrollTop = msgs.scrollHeight;
}

// bubble draws one message, or an album (several sharing a media group).
function bubble(pane, group) {
  const first = group[0];
  const b = el("div", "msg " + (first.from_bot ? "bot" : "me"));
  b.dataset.id = first.id;
  if (first.reply_to) b.append(quote(pane, first.reply_to));
  if (group.length > 1) {
    const album = el("div", "album");
    for (const m of group) album.append(photo(m.photo));
    b.append(album);
  } else if (first.photo) {
    b.append(photo(first.photo));
  }
  if (first.document) {
    const a = el("a", "document", `📄 ${first.document.name}`);
    a.href = `/api/files/${encodeURIComponent(first.document.file_id)}?download=1`;
    a.download = first.document.name;
    a.append(el("small", "", ` ${Math.max(1, Math.round(first.document.size / 1024))} KB`));
    b.append(a);
  }
  if (first.location) b.append(el("div", "location-pin", `📍 ${first.location.Latitude.toFixed(5)}, ${first.location.Longitude.toFixed(5)}`));
  if (first.contact) b.append(el("div", "contact", `📞 +${first.contact.replace(/^\+/, "")}`));
  if (first.sticker) b.append(el("div", "sticker", first.sticker));
  const captioned = group.find((m) => m.text);
  if (captioned) {
    const t = el("div", "text");
    t.append(renderText(captioned.text, captioned.entities, (cmd) => sendText(pane, cmd)));
    b.append(t);
  }
  const meta = el("div", "meta", (group.some((m) => m.edited) ? "diedit · " : "") + clock(first.date));
  b.append(meta);
  const wrap = el("div", "row " + (first.from_bot ? "bot" : "me"));
  wrap.append(b);
  for (const m of group) if (m.buttons) wrap.append(inlineKeyboard(pane, m));
  return wrap;
}

// quote is the replied-to message above a reply, as Telegram shows it.
function quote(pane, id) {
  const m = pane.snapshot.messages.find((x) => x.id === id);
  let what = "pesan dihapus";
  if (m && !m.deleted) what = m.text ? m.text.split("\n")[0] : m.photo ? "📷 Foto" : m.document ? "📄 " + m.document.name : "pesan";
  const q = el("div", "quote", what.length > 80 ? what.slice(0, 80) + "…" : what);
  return q;
}

function photo(fileID) {
  const img = el("img", "photo");
  img.src = `/api/files/${encodeURIComponent(fileID)}`;
  img.alt = "foto";
  img.loading = "lazy";
  return img;
}

function clock(unix) {
  const d = new Date(unix * 1000);
  return d.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Jakarta" });
}

function inlineKeyboard(pane, m) {
  const kb = el("div", "inline-keyboard");
  for (const row of m.buttons) {
    const r = el("div", "inline-row");
    for (const btn of row) {
      if (btn.url) {
        const a = el("a", "inline-button", btn.text + " ↗");
        const href = safeURL(btn.url);
        if (href) { a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer"; }
        r.append(a);
        continue;
      }
      const b = el("button", "inline-button", btn.text);
      b.type = "button";
      b.addEventListener("click", () => press(pane, m.id, btn.data, b));
      r.append(b);
    }
    kb.append(r);
  }
  return kb;
}

function renderMenu(pane, commands) {
  const menu = pane.root.querySelector(".menu");
  const button = pane.root.querySelector(".menu-button");
  button.hidden = !commands.length;
  menu.replaceChildren();
  for (const c of commands) {
    const item = el("button", "menu-item");
    item.type = "button";
    item.append(el("b", "", "/" + c.command), el("span", "", c.description));
    item.addEventListener("click", () => { menu.hidden = true; sendText(pane, "/" + c.command); });
    menu.append(item);
  }
  if (!commands.length) menu.hidden = true;
}

// renderKeyboard draws the reply keyboard the chat shows under the input.
function renderKeyboard(pane) {
  const area = pane.root.querySelector(".keyboard");
  const toggle = pane.root.querySelector(".keyboard-toggle");
  const kb = pane.snapshot && pane.snapshot.keyboard;
  area.replaceChildren();
  toggle.hidden = !kb;
  const input = pane.root.querySelector(".text-input");
  input.placeholder = (kb && kb.placeholder) || "Tulis pesan…";
  if (!kb) { pane.keyboardOpen = false; pane.keyboardFor = 0; return; }
  const key = JSON.stringify(kb.rows);
  if (pane.keyboardFor !== key || pane.keyboardCollapsed !== kb.collapsed) {
    pane.keyboardOpen = !kb.collapsed; // a new keyboard opens; a used one-time one folds
    pane.keyboardFor = key;
    pane.keyboardCollapsed = kb.collapsed;
  }
  if (!pane.keyboardOpen) return;
  for (const row of kb.rows) {
    const r = el("div", "keyboard-row");
    for (const k of row) {
      const b = el("button", "keyboard-button", k.text);
      b.type = "button";
      b.addEventListener("click", () => {
        if (k.request_contact) act(pane, "contact", {});
        else if (k.request_location) openLocation(pane);
        else sendText(pane, k.text);
      });
      r.append(b);
    }
    area.append(r);
  }
}

// --- the location picker ----------------------------------------------------

function setupLocation(pane) {
  const box = pane.root.querySelector(".location");
  const select = box.querySelector(".loc-place");
  const groups = {};
  for (const p of state.config.places) {
    if (!groups[p.group]) {
      groups[p.group] = el("optgroup");
      groups[p.group].label = p.group;
      select.append(groups[p.group]);
    }
    const o = el("option", "", p.name);
    o.value = `${p.lat},${p.lon}`;
    groups[p.group].append(o);
  }
  const send = (lat, lon) => { box.hidden = true; act(pane, "location", { lat, lon }); };
  box.querySelector(".loc-send-place").addEventListener("click", () => {
    const [lat, lon] = select.value.split(",").map(Number);
    send(lat, lon);
  });
  box.querySelector(".loc-send-free").addEventListener("click", () => {
    const lat = Number(box.querySelector(".loc-lat").value.replace(",", "."));
    const lon = Number(box.querySelector(".loc-lon").value.replace(",", "."));
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || box.querySelector(".loc-lat").value === "") {
      toast(pane, "Isi lintang dan bujur, misalnya -7.6453 dan 112.9075.");
      return;
    }
    send(lat, lon);
  });
  const out = state.config.outside;
  const outside = box.querySelector(".loc-send-outside");
  outside.textContent = `Titik di luar kota: ${out.name}`;
  outside.addEventListener("click", () => send(out.lat, out.lon));
  box.querySelector(".loc-close").addEventListener("click", () => { box.hidden = true; });
}

function openLocation(pane) { pane.root.querySelector(".location").hidden = false; }
