"use strict";

// The grammY peer of issue 15: a grammY 1.46 + @grammyjs/runner bot that
// runs PilarBot's /daftar flow and nothing else, so that the load command
// (go run ./handlers/app/load -bot 'node handlers/app/load/peer/bot.js')
// measures both bots doing the same work. It reads the load command's
// environment: TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN, DATABASE_URL,
// REDIS_URL and REDIS_PREFIX. The session lives in Redis through
// @grammyjs/storage-redis, the registration is one pg INSERT, and 429s are
// retried by @grammyjs/auto-retry.

const { Bot, session } = require("grammy");
const { run, sequentialize } = require("@grammyjs/runner");
const { autoRetry } = require("@grammyjs/auto-retry");
const { RedisAdapter } = require("@grammyjs/storage-redis");
const Redis = require("ioredis");
const T = require("./texts");
const P = require("./parse");
const { Flow, esc, html, REMOVE, IDLE_MS } = require("./daftar");
const { Store } = require("./store");

function env(name, def) {
  const v = process.env[name] ?? def;
  if (v === undefined || v === "") throw new Error(`${name} is not set`);
  return v;
}

// command returns the command of a message ("daftar"), or "" for none:
// a bot_command entity at offset 0, as PilarBot reads it.
function command(m) {
  const e = m.entities?.[0];
  if (!m.text || !e || e.type !== "bot_command" || e.offset !== 0) return "";
  return m.text.slice(1, e.length).split("@")[0].toLowerCase();
}

const reply = (ctx, text, markup) =>
  ctx.api.sendMessage(ctx.chat.id, text, {
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    ...(markup ? { reply_markup: markup } : {}),
  });

// expired drops a flow left idle past PilarBot's default lifetime and
// reports whether there was one.
function expired(ctx) {
  if (!ctx.session || Date.now() - ctx.session.updated <= IDLE_MS) return false;
  ctx.session = undefined;
  return true;
}

// onMessage routes a private message as PilarBot's router does: a command
// ends a running flow first (/batal does nothing else), other messages
// are answers to the flow.
async function onMessage(ctx, store) {
  const m = ctx.message;
  const cmd = command(m);
  if (expired(ctx)) {
    await reply(ctx, T.msgFlowExpired(esc(T.flowTitle), "/daftar"));
    if (cmd === "") return;
  }
  const flow = new Flow(ctx, store);
  if (cmd === "") {
    if (ctx.session) return flow.handle(m);
    return reply(ctx, T.msgUnknownText);
  }
  if (ctx.session) {
    ctx.session = undefined;
    if (cmd === "batal") return reply(ctx, T.msgCancelled(esc(T.flowTitle)), REMOVE);
    await reply(ctx, T.msgFlowStopped(esc(T.flowTitle)), REMOVE);
  }
  switch (cmd) {
    case "daftar": {
      const v = await store.registered(ctx.from.id);
      if (!v) return flow.start(ctx.from.username);
      // Changing a registration is not part of the peer.
      const status = T.statusLabels[v.status] ?? "Tidak diketahui";
      return html(ctx, T.msgAlreadyRegister(esc(P.pilarByCode(v.pilar)?.short ?? v.pilar), status));
    }
    case "batal":
      return reply(ctx, T.msgNoFlow, REMOVE);
  }
  return reply(ctx, T.msgUnknownCommand);
}

// onCallback answers every press, after the work, as PilarBot does.
async function onCallback(ctx, store) {
  let answer = T.msgButtonExpired;
  if (ctx.chat?.type === "private" || !ctx.callbackQuery.message) {
    const flow = new Flow(ctx, store);
    if (expired(ctx)) {
      await flow.removeButtons();
      answer = T.msgFlowExpiredButton(T.flowTitle);
    } else {
      answer = await flow.callback(ctx.callbackQuery.data ?? "");
    }
  }
  await ctx.answerCallbackQuery(answer ? { text: answer } : undefined);
}

async function main() {
  const token = env("TELEGRAM_BOT_TOKEN");
  const apiRoot = env("TELEGRAM_API_ROOT", "https://api.telegram.org");
  const prefix = env("REDIS_PREFIX", "pilarbot:");
  const redis = new Redis(env("REDIS_URL", "redis://127.0.0.1:6379/0"), { lazyConnect: true });
  await redis.connect();
  const store = new Store(env("DATABASE_URL"));
  await store.migrate();

  const bot = new Bot(token, { client: { apiRoot } });
  bot.api.config.use(autoRetry());
  // One key per private chat, for both the per-chat order and the session,
  // as the grammY documentation recommends for sessions under the runner.
  const key = (ctx) => (ctx.chat?.type === "private" ? `${prefix}peer:session:${ctx.chat.id}` : undefined);
  bot.use(sequentialize(key));
  bot.use(session({ getSessionKey: key, storage: new RedisAdapter({ instance: redis, ttl: IDLE_MS / 1000 + 3600 }) }));
  bot.on("message", (ctx) => (ctx.chat.type === "private" ? onMessage(ctx, store) : undefined));
  bot.on("callback_query", (ctx) => onCallback(ctx, store));
  bot.catch(async (err) => {
    // The error only: never the update, which may hold a NIK.
    console.error("peer: handling update", err.ctx?.update?.update_id, "failed:", err.error?.message ?? err.message);
    const ctx = err.ctx;
    if (ctx?.callbackQuery) {
      await ctx.answerCallbackQuery({ text: T.msgSystemDown, show_alert: true }).catch(() => {});
    } else if (ctx?.chat) {
      await reply(ctx, T.msgSystemDown).catch(() => {});
    }
  });

  const runner = run(bot);
  const stop = async () => {
    if (runner.isRunning()) await runner.stop();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await runner.task();
  await redis.quit();
  await store.end();
}

main().catch((err) => {
  console.error("peer:", err.message);
  process.exit(1);
});
