"use strict";

// The peer's Postgres: its own table peer_volunteers beside PilarBot's
// schema (the load command gives each bot an empty scratch database), the
// lookup /daftar makes to refuse a second registration, and the one
// INSERT of a registration, as PilarBot's storage/volunteers.go does it.

const { Pool } = require("pg");
const T = require("./texts");
const P = require("./parse");
const { checkAge, esc } = require("./daftar");

const schema = `
CREATE TABLE IF NOT EXISTS peer_volunteers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    telegram_id    bigint      NOT NULL,
    chat_id        bigint      NOT NULL,
    username       text        NOT NULL DEFAULT '',
    full_name      text        NOT NULL,
    pilar          text        NOT NULL,
    kelurahan_code text        NOT NULL,
    phone          text        NOT NULL,
    nik            text        NOT NULL,
    status         text        NOT NULL DEFAULT 'pending',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT peer_volunteers_telegram_id_key UNIQUE (telegram_id),
    CONSTRAINT peer_volunteers_nik_key UNIQUE (nik)
)`;

class Store {
  constructor(url) {
    // pg's default pool of 10, as a grammY bot would have it.
    this.pool = new Pool({ connectionString: url, connectionTimeoutMillis: 5000 });
  }

  async migrate() {
    await this.pool.query(schema);
  }

  // registered returns the user's registration (pilar, status), or
  // undefined.
  async registered(telegramId) {
    const r = await this.pool.query("SELECT pilar, status FROM peer_volunteers WHERE telegram_id = $1", [telegramId]);
    return r.rows[0];
  }

  // save stores the flow's answers as a pending registration and returns
  // the receipt (HTML). A NIK another account registered is an Invalid.
  async save(ctx, s) {
    const a = s.answers;
    checkAge(P.nik(a.nik, Date.now()), a.pilar); // the pilar may have changed after the NIK
    try {
      await this.pool.query(
        `INSERT INTO peer_volunteers (telegram_id, chat_id, username, full_name, pilar, kelurahan_code,
            phone, nik, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', now(), now())
         ON CONFLICT (telegram_id) DO UPDATE SET
            chat_id = EXCLUDED.chat_id, username = EXCLUDED.username, full_name = EXCLUDED.full_name,
            pilar = EXCLUDED.pilar, kelurahan_code = EXCLUDED.kelurahan_code, phone = EXCLUDED.phone,
            nik = EXCLUDED.nik, status = 'pending', updated_at = EXCLUDED.updated_at`,
        [ctx.from.id, ctx.chat.id, a._username ?? "", a.nama, a.pilar, a.kelurahan, a.hp, a.nik],
      );
    } catch (err) {
      if (err.code === "23505" && err.constraint === "peer_volunteers_nik_key") throw P.invalid(T.errNIKTaken);
      throw err;
    }
    return T.msgDaftarDone(esc(a.nama), esc(P.pilarByCode(a.pilar)?.short ?? a.pilar));
  }

  end() {
    return this.pool.end();
  }
}

module.exports = { Store };
