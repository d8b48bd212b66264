// render.js turns a message into DOM nodes the way a Telegram app shows
// it. Text is never parsed as HTML: it is what the fake parsed already
// (the plain text and its entities, offsets in UTF-16 code units, which
// is how JavaScript strings count), and every character goes in as a text
// node. Only entities become elements, and only Telegram's own: bold,
// italic, underline, strikethrough, spoiler, code, pre, blockquote, links.
"use strict";

const entityTags = {
  bold: "b", italic: "i", underline: "u", strikethrough: "s",
  code: "code", pre: "pre", blockquote: "blockquote", expandable_blockquote: "blockquote",
  spoiler: "span", text_link: "a", url: "a", bot_command: "span",
  mention: "span", hashtag: "span", cashtag: "span", email: "span", phone_number: "span",
  custom_emoji: "span",
};

// safeURL allows the link schemes Telegram allows in buttons and links.
function safeURL(u) {
  return /^(https?:\/\/|tg:\/\/)/i.test(u || "") ? u : "";
}

// renderText returns a fragment with text formatted by entities. Entities
// are nested by start (longer first); one that overlaps the end of its
// parent is cut there, as a Telegram app does.
function renderText(text, entities, onCommand) {
  const ents = (entities || [])
    .filter((e) => entityTags[e.type] && e.length > 0 && e.offset >= 0 && e.offset < text.length)
    .map((e) => ({ ...e, end: Math.min(e.offset + e.length, text.length) }))
    .sort((a, b) => a.offset - b.offset || b.end - a.end);
  const frag = document.createDocumentFragment();
  build(frag, text, 0, text.length, ents, onCommand);
  return frag;
}

function build(parent, text, start, end, ents, onCommand) {
  let pos = start;
  let i = 0;
  while (i < ents.length) {
    const e = ents[i];
    if (e.offset < pos) { i++; continue; } // inside a sibling already drawn
    if (e.offset >= end) break;
    if (e.offset > pos) parent.appendChild(document.createTextNode(text.slice(pos, e.offset)));
    const stop = Math.min(e.end, end);
    const el = element(e, text.slice(e.offset, stop), onCommand);
    const inner = [];
    let j = i + 1;
    for (; j < ents.length && ents[j].offset < stop; j++) inner.push(ents[j]);
    build(el, text, e.offset, stop, inner, onCommand);
    parent.appendChild(el);
    pos = stop;
    i = j;
  }
  if (pos < end) parent.appendChild(document.createTextNode(text.slice(pos, end)));
}

function element(e, covered, onCommand) {
  const el = document.createElement(entityTags[e.type]);
  switch (e.type) {
    case "text_link":
    case "url": {
      const href = safeURL(e.type === "url" ? covered : e.url);
      if (href) {
        el.href = href;
        el.target = "_blank";
        el.rel = "noopener noreferrer";
      }
      break;
    }
    case "spoiler":
      el.className = "spoiler";
      el.title = "Klik untuk membuka";
      el.addEventListener("click", () => el.classList.add("open"));
      break;
    case "bot_command":
      el.className = "command";
      if (onCommand) el.addEventListener("click", () => onCommand(covered));
      break;
    case "pre":
      if (e.language) el.dataset.language = e.language;
      break;
    case "expandable_blockquote":
      el.className = "expandable";
      el.addEventListener("click", () => el.classList.toggle("open"));
      break;
    default:
      if (el.tagName === "SPAN") el.className = e.type;
  }
  return el;
}
