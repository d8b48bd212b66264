"use strict";

// The words of the peer's /daftar, copied from PilarBot so that both bots
// send the same bytes: handlers/volunteers/messages.go (the questions and
// the receipt), conversations/messages.go (the summary and its buttons),
// handlers/parse/messages.go (the refusals), handlers/kit/messages.go and
// handlers/messages.go (the router's answers). Texts are HTML; values
// filled in must be escaped by the caller.

module.exports = {
  flowTitle: "pendaftaran",
  summaryTitle: "Periksa data pendaftaran",

  askNama: "Siapa <b>nama lengkap</b> Bapak/Ibu sesuai KTP?\n\nContoh: Siti Aminah",
  askPilar: "Apa <b>jenis pilar sosial</b> Bapak/Ibu? Silakan pilih pada tombol.",
  askKecamatan: "Di <b>kecamatan</b> mana Bapak/Ibu bertugas? Silakan pilih pada tombol.",
  askKelurahan: (kec) => `Di <b>kelurahan</b> mana Bapak/Ibu bertugas? (Kecamatan ${kec})`,
  askHP:
    "Berapa <b>nomor HP</b> Bapak/Ibu?\n\nTekan tombol <b>Bagikan nomor</b> di bawah, atau ketik nomornya. Contoh: 0812-3456-7890",
  askNIK:
    "Ketik <b>NIK</b> Bapak/Ibu (16 angka pada KTP).\n\nNIK disimpan dengan aman dan tidak akan ditampilkan utuh.",
  btnSharePhone: "📱 Bagikan nomor",

  labelNama: "Nama lengkap",
  labelPilar: "Jenis pilar",
  labelKecamatan: "Kecamatan",
  labelKelurahan: "Kelurahan",
  labelHP: "Nomor HP",
  labelNIK: "NIK",

  errContactNotOwn:
    "Mohon bagikan nomor HP Bapak/Ibu sendiri dengan tombol Bagikan nomor, atau ketik nomornya.",
  errPhoneInput: "Mohon tekan tombol Bagikan nomor atau ketik nomor HP. Contoh: 0812-3456-7890.",
  errTooYoung: (n) => `Usia pada NIK belum ${n} tahun. Pilar sosial harus berusia minimal ${n} tahun.`,
  errNIKTaken:
    "NIK ini sudah terdaftar pada akun Telegram lain. Periksa kembali NIK dengan tombol Ubah, atau hubungi Dinas Sosial bila ada kekeliruan.",
  msgDaftarDone: (name, pilar) =>
    `Terima kasih, <b>${name}</b>. Pendaftaran sebagai ${pilar} sudah kami terima dan sedang <b>menunggu verifikasi</b> koordinator Dinas Sosial. Kami akan mengabari Bapak/Ibu di sini.`,
  msgAlreadyRegister: (pilar, status) =>
    `Bapak/Ibu sudah terdaftar sebagai <b>${pilar}</b> (status: ${status}). Ingin mengubah data?`,
  statusLabels: {
    pending: "Menunggu verifikasi",
    verified: "Terverifikasi",
    rejected: "Ditolak",
    erased: "Data dihapus",
  },

  // The conversation engine's own words.
  msgTextOnly: "Mohon jawab dengan mengetik teks.",
  msgButtonExpired: "Tombol ini sudah tidak berlaku.",
  msgFlowExpiredButton: (title) => `Pengisian ${title} sudah berakhir karena lama tidak dijawab. Silakan mulai lagi.`,
  msgUseButtons: (save) =>
    `Silakan pilih <b>${save}</b>, <b>Ubah</b>, atau <b>Batal</b> pada tombol di bawah ringkasan.`,
  msgConfirmPrompt: "Apakah data sudah benar?",
  msgPickField: "Pilih data yang ingin diubah.",
  msgCancelled: (title) => `Pengisian ${title} dibatalkan. Data tidak disimpan.`,
  msgProblemPrefix: "⚠️ ",
  btnSave: "✅ Simpan",
  btnEdit: "✏️ Ubah",
  btnCancel: "❌ Batal",
  btnBack: "« Kembali",
  answerSaved: "Tersimpan.",
  answerCancelled: "Dibatalkan.",
  answerPickField: "Pilih data yang ingin diubah.",
  answerFieldChosen: "Silakan jawab pertanyaannya.",

  // The router's answers.
  msgUnknownText:
    "Maaf, saya belum mengerti pesan itu. Ketik /bantuan untuk melihat perintah yang tersedia.",
  msgUnknownCommand:
    "Perintah itu tidak dikenal. Ketik /bantuan untuk melihat perintah yang tersedia.",
  msgNoFlow: "Tidak ada pengisian yang sedang berjalan.",
  msgFlowStopped: (title) => `Pengisian ${title} dihentikan dan tidak disimpan.`,
  msgFlowExpired: (title, entry) =>
    `Pengisian ${title} sebelumnya sudah berakhir karena lama tidak dijawab. Silakan mulai lagi dengan ${entry}.`,
  msgSystemDown: "Maaf, sistem sedang gangguan, silakan coba lagi sebentar lagi.",

  // Refusals of the parsers.
  msgNameTooShort: "Nama terlalu pendek. Mohon tulis nama lengkap, minimal 3 huruf. Contoh: Siti Aminah.",
  msgNameTooLong: "Nama terlalu panjang, maksimal 100 huruf. Contoh: Siti Aminah.",
  msgNameDigits: "Nama tidak boleh berisi angka. Contoh: Siti Aminah.",
  msgNameChars:
    "Nama hanya boleh berisi huruf, spasi, dan tanda baca (tanpa emoji). Contoh: Moch. Ma'ruf.",
  msgPilarChoice:
    "Jenis pilar tidak ada dalam pilihan. Silakan pilih pada tombol, misalnya PSM atau Tagana.",
  msgPhone: "Nomor HP belum benar. Contoh: 0812-3456-7890.",
  msgPhoneLandline:
    "Mohon kirim nomor HP yang diawali 08, bukan nomor telepon rumah. Contoh: 0812-3456-7890.",
  msgPhoneContact:
    "Nomor pada kontak bukan nomor HP Indonesia. Mohon ketik nomor HP Anda. Contoh: 0812-3456-7890.",
  msgNIKFormat: "NIK harus 16 angka sesuai KTP. Contoh: 3575 0141 0190 0001.",
  msgNIKRegion:
    "Kode wilayah pada NIK (6 angka pertama) tidak dikenal. Mohon periksa kembali sesuai KTP. Contoh: 3575 0141 0190 0001.",
  msgNIKBirth:
    "Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid. Mohon periksa kembali sesuai KTP. Contoh: 3575 0141 0190 0001.",
  msgNIKSerial:
    "Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000. Mohon periksa kembali sesuai KTP. Contoh: 3575 0141 0190 0001.",
  msgNIKNotEmpty: "Mohon tulis NIK Anda, 16 angka sesuai KTP. Contoh: 3575 0141 0190 0001.",
  msgKecamatanUnknown:
    "Kecamatan tidak ditemukan. Silakan ketuk salah satu tombol kecamatan. Contoh: Panggungrejo.",
  msgKelurahanUnknown:
    "Kelurahan tidak ditemukan. Silakan ketuk salah satu tombol kelurahan. Contoh: Mayangan.",
  msgKelurahanElsewhere: (kel, kec) =>
    `Kelurahan ${kel} tidak termasuk Kecamatan ${kec}. Silakan ketuk salah satu tombol kelurahan.`,
};
