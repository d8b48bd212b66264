"use strict";

// The checks of the /daftar answers, ported from PilarBot's
// handlers/parse (name.go, region.go, phone.go, nik.go), handlers/kit
// (MatchPilar, the masks) and storage/domain (the pilars and the regions
// of Kota Pasuruan), so that the peer accepts and refuses the same input
// with the same words. Each parser returns the value to store or throws
// an Invalid whose message is safe to show: it never repeats the input.

const T = require("./texts");
const numbers = require("./numbers");

const { invalid } = numbers;

const pilars = [
  { code: "psm", short: "PSM", name: "Pekerja Sosial Masyarakat" },
  { code: "tagana", short: "Tagana", name: "Taruna Siaga Bencana" },
  { code: "tksk", short: "TKSK", name: "Tenaga Kesejahteraan Sosial Kecamatan" },
  { code: "pkh", short: "Pendamping PKH", name: "Pendamping Program Keluarga Harapan" },
  { code: "karang_taruna", short: "Karang Taruna", name: "Karang Taruna" },
  { code: "karang_werda", short: "Karang Werda", name: "Karang Werda" },
  { code: "lksa", short: "LKSA", name: "Lembaga Kesejahteraan Sosial Anak" },
];

const kecamatans = [
  { code: "35.75.01", name: "Gadingrejo" },
  { code: "35.75.02", name: "Purworejo" },
  { code: "35.75.03", name: "Bugul Kidul" },
  { code: "35.75.04", name: "Panggungrejo" },
];

const kelurahans = [
  ["35.75.01", "1001 Karangketug|1002 Gentong|1003 Sebani|1004 Petahunan|1005 Bukir|1006 Randusari|1007 Krapyakrejo|1009 Gadingrejo"],
  ["35.75.02", "1001 Pohjentrek|1002 Wirogunan|1003 Tembokrejo|1004 Purutrejo|1005 Kebonagung|1006 Purworejo|1011 Sekargadung"],
  ["35.75.03", "1001 Blandongan|1002 Kepel|1003 Tapa'an|1005 Bakalan|1006 Krampyangan|1009 Bugul Kidul"],
  ["35.75.04", "1001 Karanganyar|1002 Tamba'an|1003 Trajeng|1004 Bangilan|1005 Kebonsari|1006 Mayangan|1007 Ngemplakrejo|1008 Petamanan|1009 Pekuncen|1010 Bugul Lor|1011 Kandangsapi|1012 Panggungrejo|1013 Mandaranrejo"],
].flatMap(([kec, list]) =>
  list.split("|").map((e) => {
    const sp = e.indexOf(" ");
    return { code: `${kec}.${e.slice(0, sp)}`, name: e.slice(sp + 1), kec };
  }),
);

const pilarByCode = (code) => pilars.find((p) => p.code === code);
const kecamatanByCode = (code) => kecamatans.find((k) => k.code === code);
const kelurahanByCode = (code) => kelurahans.find((k) => k.code === code);
const kelurahansOf = (kec) => kelurahans.filter((k) => k.kec === kec);

// pilarLong is "PSM (Pekerja Sosial Masyarakat)", or the name alone when
// both are the same.
function pilarLong(code) {
  const p = pilarByCode(code);
  if (!p) return code;
  return p.short === p.name ? p.name : `${p.short} (${p.name})`;
}

const fields = (s) => s.split(/\s+/u).filter((f) => f !== "");

// normalizeChoice folds a typed button label: lower case, "_" and "-" as
// spaces, single spaces.
const normalizeChoice = (s) => fields(s.trim().toLowerCase().replace(/[_-]/g, " ")).join(" ");

function matchPilar(text) {
  const t = normalizeChoice(text);
  for (const p of pilars) {
    if (t === normalizeChoice(p.short) || t === normalizeChoice(p.name) || t === normalizeChoice(p.code)) {
      return p.code;
    }
  }
  if (t === "pkh") return "pkh";
  throw invalid(T.msgPilarChoice);
}

// name keeps what was typed, white space collapsed: 3 to 100 characters,
// at least 2 letters, no digits, no emoji or control characters.
function name(s) {
  const n = fields(s).join(" ");
  let letters = 0;
  for (const r of n) {
    if (/\p{N}/u.test(r)) throw invalid(T.msgNameDigits);
    if (!nameRune(r)) throw invalid(T.msgNameChars);
    if (/\p{L}/u.test(r)) letters++;
  }
  const len = [...n].length;
  if (len > 100) throw invalid(T.msgNameTooLong);
  if (len < 3 || letters < 2) throw invalid(T.msgNameTooShort);
  return n;
}

function nameRune(r) {
  const c = r.codePointAt(0);
  if (r === " ") return true;
  if ((c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef)) return false; // variation selectors
  if (c === 0x20e3) return false; // combining enclosing keycap
  if (c >= 0x1f3fb && c <= 0x1f3ff) return false; // skin-tone modifiers
  return /[\p{L}\p{M}\p{P}\p{Sm}\p{Sc}\p{Sk}]/u.test(r);
}

// regionKey normalises a name or code: lower case, without apostrophes,
// spaces, dashes and dots, and without one leading word of prefixes.
function regionKey(s, ...prefixes) {
  const f = fields(s.toLowerCase());
  if (f.length > 0) {
    for (const p of prefixes) {
      if (f[0].replace(/\.$/, "") === p && f.length > 1) {
        f.shift();
        break;
      }
      if (f[0].startsWith(p + ".") && f[0].length > p.length + 1) {
        f[0] = f[0].slice(p.length + 1);
        break;
      }
    }
  }
  return f.join("").replace(/['’‘`ʼ´\-.\p{Cc}]/gu, "");
}

const keys = new Map(
  [...kecamatans, ...kelurahans].map((k) => [k.code, { name: regionKey(k.name), code: regionKey(k.code) }]),
);

// withinOneEdit reports a Levenshtein distance of at most 1, in code points.
function withinOneEdit(a, b) {
  let ra = [...a];
  let rb = [...b];
  if (ra.length > rb.length) [ra, rb] = [rb, ra];
  if (rb.length - ra.length > 1) return false;
  let i = 0;
  while (i < ra.length && ra[i] === rb[i]) i++;
  if (ra.length === rb.length) return i === ra.length || ra.slice(i + 1).join("") === rb.slice(i + 1).join("");
  return ra.slice(i).join("") === rb.slice(i + 1).join("");
}

// matchTypo returns the index of the only name of 6 or more characters one
// edit from key, or -1.
function matchTypo(key, names) {
  let found = -1;
  for (let i = 0; i < names.length; i++) {
    if ([...names[i]].length < 6 || !withinOneEdit(key, names[i])) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

function kecamatan(s) {
  const key = Buffer.byteLength(s) <= 100 ? regionKey(s, "kecamatan", "kec") : "";
  if (key === "") throw invalid(T.msgKecamatanUnknown);
  const names = kecamatans.map((k) => keys.get(k.code).name);
  let i = kecamatans.findIndex((k) => key === keys.get(k.code).code || key === keys.get(k.code).name);
  if (i < 0) i = matchTypo(key, names);
  if (i < 0) throw invalid(T.msgKecamatanUnknown);
  return kecamatans[i].code;
}

function matchKelurahan(key, list, suffix, typo) {
  const names = list.map((k) => keys.get(k.code).name);
  if (typo) {
    const i = matchTypo(key, names);
    return i < 0 ? undefined : list[i];
  }
  return list.find((k, i) => {
    const code = keys.get(k.code).code;
    return key === code || (suffix && key === code.slice(-4)) || key === names[i];
  });
}

// kelurahan resolves the text within kecamatan kecCode, and says so when it
// names a kelurahan of another kecamatan. Exact matches anywhere come
// before a typo match.
function kelurahan(s, kecCode) {
  const key = Buffer.byteLength(s) <= 100 ? regionKey(s, "kelurahan", "kel", "desa") : "";
  if (key === "") throw invalid(T.msgKelurahanUnknown);
  const kec = kecamatanByCode(kecCode);
  const scope = kec ? kelurahansOf(kec.code) : kelurahans;
  for (const typo of [false, true]) {
    const k = matchKelurahan(key, scope, Boolean(kec), typo);
    if (k) return k.code;
    if (kec) {
      const other = matchKelurahan(key, kelurahans, false, typo);
      if (other) throw invalid(T.msgKelurahanElsewhere(other.name, kec.name));
    }
  }
  throw invalid(T.msgKelurahanUnknown);
}

module.exports = {
  ...numbers,
  pilars,
  kecamatans,
  pilarByCode,
  pilarLong,
  kecamatanByCode,
  kelurahanByCode,
  kelurahansOf,
  matchPilar,
  name,
  kecamatan,
  kelurahan,
};
