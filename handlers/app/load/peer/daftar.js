"use strict";

// The /daftar conversation as PilarBot runs it (handlers/volunteers and
// conversations/): six questions, each with the same reply keyboard; a
// refused answer is explained above the same question; the summary comes
// with Simpan / Ubah / Batal; Ubah opens a menu of the fields, and a
// changed kecamatan asks its kelurahan again; Simpan saves with one
// INSERT and edits the summary into the receipt. The state is the grammY
// session (ctx.session), one JSON value in Redis per user.

const crypto = require("node:crypto");
const T = require("./texts");
const P = require("./parse");

const REMOVE = { remove_keyboard: true };
const IDLE_MS = 24 * 3600 * 1000; // PilarBot's CONVERSATION_TTL default
const MAX_TEXT = 4096;

// esc is Go's html.EscapeString, so both bots send the same bytes.
const esc = (s) =>
  s.replace(/[&'<>"]/g, (c) => ({ "&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;" })[c]);

function keyboard(cols, labels) {
  const rows = [];
  for (let i = 0; i < labels.length; i += cols) rows.push(labels.slice(i, i + cols).map((text) => ({ text })));
  return { keyboard: rows, resize_keyboard: true, one_time_keyboard: true };
}

// textAnswer refuses anything but text (a sticker, a photo).
const textAnswer = (parse) => (s, m) => {
  if (!m.text) throw P.invalid(T.msgTextOnly);
  return parse(m.text, s);
};

// showNumber masks a number on the summary.
const showNumber = (mask) => (v) => (v.includes("*") ? v : mask(v));

const steps = [
  { key: "nama", label: T.labelNama, ask: () => ({ text: T.askNama }), accept: textAnswer(P.name) },
  {
    key: "pilar",
    label: T.labelPilar,
    ask: () => ({ text: T.askPilar, keyboard: keyboard(2, P.pilars.map((p) => p.short)) }),
    accept: textAnswer(P.matchPilar),
    show: P.pilarLong,
  },
  {
    key: "kecamatan",
    label: T.labelKecamatan,
    ask: () => ({ text: T.askKecamatan, keyboard: keyboard(2, P.kecamatans.map((k) => k.name)) }),
    accept: textAnswer(P.kecamatan),
    show: (v) => P.kecamatanByCode(v)?.name ?? "",
  },
  {
    key: "kelurahan",
    label: T.labelKelurahan,
    dependent: true, // asked again after a changed kecamatan
    ask: (s) => {
      const kec = P.kecamatanByCode(s.answers.kecamatan);
      const names = P.kelurahansOf(kec?.code).map((k) => k.name);
      return { text: T.askKelurahan(esc(kec?.name ?? "")), keyboard: keyboard(3, names) };
    },
    accept: textAnswer((t, s) => P.kelurahan(t, s.answers.kecamatan)),
    show: (v) => P.kelurahanByCode(v)?.name ?? "",
  },
  {
    key: "hp",
    label: T.labelHP,
    ask: () => ({
      text: T.askHP,
      keyboard: {
        keyboard: [[{ text: T.btnSharePhone, request_contact: true }]],
        resize_keyboard: true,
        one_time_keyboard: true,
      },
    }),
    accept: acceptPhone,
    show: showNumber(P.maskPhone),
  },
  {
    key: "nik",
    label: T.labelNIK,
    ask: () => ({ text: T.askNIK }),
    accept: textAnswer((t, s) => {
      const n = P.nik(t, Date.now());
      checkAge(n, s.answers.pilar);
      return n.value;
    }),
    show: showNumber(P.maskNIK),
  },
];

// acceptPhone takes the user's own shared contact or a typed number.
function acceptPhone(s, m, userId) {
  if (m.contact) {
    if (m.contact.user_id !== userId) throw P.invalid(T.errContactNotOwn);
    return P.phoneFromContact(m.contact.phone_number);
  }
  if (!m.text) throw P.invalid(T.errPhoneInput);
  return P.phone(m.text);
}

// checkAge refuses a NIK too young for the pilar: 17, or 18 for a PSM.
function checkAge(n, pilar) {
  const need = pilar === "psm" ? 18 : 17;
  if (P.ageAt(n.birth, Date.now()) < need) throw P.invalid(T.errTooYoung(need));
}

// newID is the state's random id, part of the buttons' callback data so
// that the buttons of an older summary stop working.
function newID() {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return [...crypto.randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join("");
}

const stepIndex = (key) => (key ? steps.findIndex((st) => st.key === key) : -1);

const html = (ctx, text, reply_markup) =>
  ctx.api.sendMessage(ctx.chat.id, text, reply_markup ? { parse_mode: "HTML", reply_markup } : { parse_mode: "HTML" });

// A Flow answers one update of one user, whose state is ctx.session.
class Flow {
  constructor(ctx, store) {
    this.ctx = ctx;
    this.store = store;
  }

  get s() {
    return this.ctx.session;
  }

  // start begins the flow and asks the first question.
  start(username) {
    const now = Date.now();
    this.ctx.session = { id: newID(), step: "", answers: { _username: username ?? "" }, started: now, updated: now };
    return this.ask(0, "");
  }

  // question stores step i as the one asked and returns its text and
  // reply keyboard.
  question(i, problem) {
    const q = steps[i].ask(this.s);
    this.s.step = steps[i].key;
    this.s.keyboard = Boolean(q.keyboard);
    this.s.updated = Date.now();
    const text = problem ? T.msgProblemPrefix + esc(problem) + "\n\n" + q.text : q.text;
    return { text, keyboard: q.keyboard };
  }

  ask(i, problem) {
    const q = this.question(i, problem);
    return html(this.ctx, q.text, q.keyboard ?? REMOVE);
  }

  // handle applies one message to the flow.
  async handle(m) {
    const s = this.s;
    s.updated = Date.now();
    const i = stepIndex(s.step);
    if (i < 0) return html(this.ctx, T.msgUseButtons(esc(T.btnSave)));
    let value;
    try {
      value = steps[i].accept(s, m, this.ctx.from.id);
    } catch (err) {
      if (err instanceof P.Invalid) return this.ask(i, err.message);
      throw err;
    }
    s.answers[steps[i].key] = value;
    const next = i + 1;
    if (s.editing && (next >= steps.length || !steps[next].dependent)) return this.summary("");
    if (next < steps.length) return this.ask(next, "");
    return this.summary("");
  }

  summaryText() {
    let b = `<b>${T.summaryTitle}</b>\n`;
    for (const st of steps) {
      let v = this.s.answers[st.key] ?? "";
      if (st.show) v = st.show(v);
      b += `\n${esc(st.label)}: <b>${esc(v || "-")}</b>`;
    }
    return b;
  }

  summaryButtons() {
    const id = this.s.id;
    return {
      inline_keyboard: [
        [
          { text: T.btnSave, callback_data: `cv:${id}:s` },
          { text: T.btnEdit, callback_data: `cv:${id}:u` },
          { text: T.btnCancel, callback_data: `cv:${id}:b` },
        ],
      ],
    };
  }

  // fieldMenu lists the fields two to a row, then Kembali and Batal.
  fieldMenu() {
    const id = this.s.id;
    const rows = [];
    for (let i = 0; i < steps.length; i += 2) {
      rows.push(steps.slice(i, i + 2).map((st, j) => ({ text: st.label, callback_data: `cv:${id}:f:${i + j}` })));
    }
    rows.push([
      { text: T.btnBack, callback_data: `cv:${id}:k` },
      { text: T.btnCancel, callback_data: `cv:${id}:b` },
    ]);
    return { inline_keyboard: rows };
  }

  // summary sends the answers with the buttons; when the last question
  // left a reply keyboard, the answers go first in a message that removes
  // it (a message with inline buttons cannot).
  async summary(problem) {
    const s = this.s;
    const kb = s.keyboard;
    Object.assign(s, { step: "", editing: false, keyboard: false, updated: Date.now() });
    let text = this.summaryText();
    if (problem) text = T.msgProblemPrefix + esc(problem) + "\n\n" + text;
    if (kb) {
      await html(this.ctx, text, REMOVE);
      return html(this.ctx, T.msgConfirmPrompt, this.summaryButtons());
    }
    return html(this.ctx, text + "\n\n" + T.msgConfirmPrompt, this.summaryButtons());
  }

  // pressed is the message whose inline button was pressed, when it
  // shows inline buttons (Telegram edits only those).
  pressed() {
    const m = this.ctx.callbackQuery?.message;
    return m?.reply_markup?.inline_keyboard?.length ? m : undefined;
  }

  // edit replaces the pressed message's text; a change to nothing counts
  // as done.
  async edit(p, text, reply_markup) {
    try {
      await this.ctx.api.editMessageText(p.chat.id, p.message_id, text, { parse_mode: "HTML", reply_markup });
      return true;
    } catch (err) {
      return /message is not modified/.test(String(err?.description ?? err));
    }
  }

  async removeButtons() {
    const m = this.ctx.callbackQuery?.message;
    if (!m) return;
    await this.ctx.api.editMessageReplyMarkup(m.chat.id, m.message_id, { reply_markup: { inline_keyboard: [] } }).catch(() => {});
  }

  // callback handles a press of "cv:<id>:<action>[:arg]" and returns the
  // text for answerCallbackQuery.
  async callback(data) {
    const f = data.split(":");
    if (f[0] !== "cv" || f.length < 3) return T.msgButtonExpired;
    const s = this.s;
    if (!s || s.id !== f[1] || s.step !== "") {
      await this.removeButtons();
      return T.msgButtonExpired;
    }
    s.updated = Date.now();
    switch (f[2]) {
      case "s":
        return this.finish();
      case "b":
        this.ctx.session = undefined;
        return this.cancelled();
      case "u":
        await this.editButtons(this.fieldMenu());
        return T.answerPickField;
      case "k":
        await this.editButtons(this.summaryButtons());
        return "";
      case "f": {
        const i = /^[0-9]+$/.test(f[3] ?? "") && f.length === 4 ? Number(f[3]) : -1;
        if (i < 0 || i >= steps.length) return T.msgButtonExpired;
        s.editing = true;
        await this.askInstead(i);
        return T.answerFieldChosen;
      }
    }
    return T.msgButtonExpired;
  }

  async editButtons(reply_markup) {
    const m = this.ctx.callbackQuery.message;
    if (!m) return;
    await this.ctx.api.editMessageReplyMarkup(m.chat.id, m.message_id, { reply_markup }).catch(() => {});
  }

  // finish saves after Simpan and edits the summary into the receipt, the
  // answers kept above it; a refusal (a NIK taken) comes back as the
  // summary with the problem on top.
  async finish() {
    let text;
    try {
      text = await this.store.save(this.ctx, this.s);
    } catch (err) {
      if (!(err instanceof P.Invalid)) throw err;
      return this.summaryAgain(err.message);
    }
    const full = this.summaryText() + "\n\n" + text;
    this.ctx.session = undefined;
    const p = this.pressed();
    const withAnswers = p && (p.text ?? "").includes(T.summaryTitle) && full.length <= MAX_TEXT;
    if (p && (await this.edit(p, withAnswers ? full : text))) return T.answerSaved;
    await html(this.ctx, text, REMOVE);
    return T.answerSaved;
  }

  async summaryAgain(problem) {
    const p = this.pressed();
    if (!p) {
      await this.summary(problem);
      return "";
    }
    Object.assign(this.s, { step: "", editing: false, keyboard: false });
    let text = T.msgProblemPrefix + esc(problem) + "\n\n";
    if ((p.text ?? "").includes(T.summaryTitle)) text += this.summaryText() + "\n\n";
    if (await this.edit(p, text + T.msgConfirmPrompt, this.summaryButtons())) return "";
    await this.removeButtons();
    await this.summary(problem);
    return "";
  }

  async cancelled() {
    const p = this.pressed();
    const text = T.msgCancelled(esc(T.flowTitle));
    if (p && (await this.edit(p, text))) return T.answerCancelled;
    await this.removeButtons();
    await html(this.ctx, text, REMOVE);
    return T.answerCancelled;
  }

  // askInstead asks a field picked through Ubah in place of the summary
  // when it needs no reply keyboard; otherwise as a new message.
  async askInstead(i) {
    const showing = this.s.keyboard;
    const q = this.question(i, "");
    const p = this.pressed();
    if (p && !q.keyboard && !showing && (await this.edit(p, q.text))) return;
    await this.removeButtons();
    await html(this.ctx, q.text, q.keyboard ?? REMOVE);
  }
}

module.exports = { Flow, steps, checkAge, esc, html, REMOVE, IDLE_MS };
