"use strict";

// The phone number and the NIK, ported from PilarBot's handlers/parse
// (phone.go, nik.go) and handlers/kit (mask.go). Both are personal data:
// nothing here logs them, and the masks are what the summary shows.

const T = require("./texts");

// Invalid is an answer the user must correct; its message is shown as the
// problem above the question asked again.
class Invalid extends Error {}

const invalid = (msg) => new Invalid(msg);

// provinceCodes are the Kemendagri province codes a NIK can start with.
const provinceCodes = new Set(
  "11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 71 72 73 74 75 76 81 82 91 92 93 94 95 96".split(" "),
);

const WIB_MS = 7 * 3600 * 1000; // Waktu Indonesia Barat, UTC+7, no daylight saving

// wibDate is the calendar date in WIB at the instant ms.
function wibDate(ms) {
  const d = new Date(ms + WIB_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

// phoneDigits strips separators; it returns undefined for anything but
// digits, separators and one leading "+".
function phoneDigits(s) {
  s = s.trim();
  let plus = false;
  if (s.startsWith("+")) {
    plus = true;
    s = s.slice(1);
  }
  let digits = "";
  for (const c of s) {
    if (c >= "0" && c <= "9") digits += c;
    else if (!" -.()".includes(c)) return undefined;
  }
  if (digits.length === 0 || digits.length > 20) return undefined;
  return { digits, plus };
}

// phone reads an Indonesian mobile number (08…, 62…, +62…, "+62 0…") and
// returns it as E.164, "+62812…": 10 to 13 digits counted with the 0.
function phone(s) {
  const p = phoneDigits(s);
  if (!p) throw invalid(T.msgPhone);
  let national;
  if (p.digits.startsWith("620")) national = p.digits.slice(2);
  else if (p.digits.startsWith("62")) national = "0" + p.digits.slice(2);
  else if (p.plus) throw invalid(T.msgPhone);
  else if (p.digits.startsWith("0")) national = p.digits;
  else throw invalid(T.msgPhone);
  if (national.length < 2 || national[0] !== "0") throw invalid(T.msgPhone);
  if (national[1] !== "8") {
    if (national[1] >= "1" && national[1] <= "9" && national.length >= 9 && national.length <= 12) {
      throw invalid(T.msgPhoneLandline);
    }
    throw invalid(T.msgPhone);
  }
  if (national.length < 10 || national.length > 13) throw invalid(T.msgPhone);
  return "+62" + national.slice(1);
}

// phoneFromContact reads the number of a shared contact.
function phoneFromContact(s) {
  try {
    return phone(s);
  } catch {
    throw invalid(T.msgPhoneContact);
  }
}

// nik checks a NIK: 16 digits after removing spaces, dots and dashes, a
// known province, a regency and kecamatan not 00, a real birth date DDMMYY
// (40 added to DD for women) and a serial not 0000. The two-digit year is
// placed in the latest century that puts the birth on or before today in
// WIB. It returns the digits and the birth date.
function nik(s, nowMs) {
  const v = s.replace(/[ .\-\t]/g, "");
  if (v === "") throw invalid(T.msgNIKNotEmpty);
  if (!/^[0-9]{16}$/.test(v)) throw invalid(T.msgNIKFormat);
  if (!provinceCodes.has(v.slice(0, 2)) || v.slice(2, 4) === "00" || v.slice(4, 6) === "00") {
    throw invalid(T.msgNIKRegion);
  }
  if (v.slice(12) === "0000") throw invalid(T.msgNIKSerial);
  let day = Number(v.slice(6, 8));
  const month = Number(v.slice(8, 10));
  const yy = Number(v.slice(10, 12));
  if (day > 40) day -= 40;
  if (day < 1 || day > 31 || month < 1 || month > 12) throw invalid(T.msgNIKBirth);
  const now = wibDate(nowMs);
  let year = now.y - ((now.y % 100) - yy + 100) % 100;
  if ((month > now.m || (month === now.m && day > now.d)) && year === now.y) year -= 100;
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() + 1 !== month || birth.getUTCDate() !== day) {
    throw invalid(T.msgNIKBirth);
  }
  return { value: v, birth: { y: year, m: month, d: day } };
}

// ageAt is the age in whole years on the WIB date of nowMs.
function ageAt(birth, nowMs) {
  const now = wibDate(nowMs);
  let age = now.y - birth.y;
  if (now.m < birth.m || (now.m === birth.m && now.d < birth.d)) age--;
  return age;
}

// maskNIK shows the first 4 and the last 2 digits: "3575**********01".
function maskNIK(v) {
  if (!/^[0-9]{16}$/.test(v)) return "*".repeat(16);
  return v.slice(0, 4) + "*".repeat(10) + v.slice(14);
}

// maskPhone keeps "+62", the next 3 digits and the last 3.
function maskPhone(e164) {
  const rest = e164.startsWith("+62") ? e164.slice(3) : "";
  if (rest.length < 7 || !/^[0-9]+$/.test(rest)) return "+62" + "*".repeat(9);
  return "+62" + rest.slice(0, 3) + "*".repeat(rest.length - 6) + rest.slice(-3);
}

module.exports = {
  Invalid,
  invalid,
  phone,
  phoneFromContact,
  nik,
  ageAt,
  maskNIK,
  maskPhone,
};
