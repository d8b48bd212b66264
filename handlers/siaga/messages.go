package siaga

// The texts of /siaga (call-ups), for review by an Indonesian speaker.
// HTML: values filled in with %s are escaped by the caller.
const (
	// CmdSiaga is /siaga in the menu and in /bantuan.
	CmdSiaga = "Panggilan siaga darurat (Tagana dan lainnya)"

	flowSiagaTitle = "panggilan siaga"
	flowKabarTitle = "kabar siaga"

	askSasaran = "🚨 <b>Panggilan siaga.</b> Siapa yang dipanggil? Pilih salah satu."
	optTagana  = "Tagana"
	optPilar   = "Per jenis pilar"
	optKec     = "Per kecamatan"
	optKel     = "Per kelurahan"
	errSasaran = "Silakan pilih salah satu tombol: Tagana, Per jenis pilar, Per kecamatan, atau Per kelurahan."
	// msgScope tells a scoped coordinator that the call-up is clipped.
	msgScope       = "\n\nPanggilan hanya sampai ke relawan di wilayah kerja Bapak/Ibu: <b>%s</b>."
	errNoKecamatan = "Wilayah kerja Bapak/Ibu (%s) tidak mencakup satu kecamatan penuh. Silakan pilih Per kelurahan."
	askPilihPilar  = "Pilih jenis pilar yang dipanggil, satu per satu; tekan lagi untuk membatalkan. Tekan <b>Selesai</b> bila sudah."
	askPilihKec    = "Pilih kecamatan yang dipanggil, satu per satu; tekan lagi untuk membatalkan. Tekan <b>Selesai</b> bila sudah."
	askPilihKel    = "Pilih atau ketik kelurahan yang dipanggil, satu per satu; tekan lagi untuk membatalkan. Tekan <b>Selesai</b> bila sudah."
	msgChosen      = "\n\nSudah dipilih: <b>%s</b>"
	optSelesai     = "Selesai"
	errPilihDulu   = "Belum ada yang dipilih. Pilih minimal satu, lalu tekan Selesai."

	askPesan       = "Tulis pesan singkat, misalnya: <i>Banjir di Kelurahan Kebonsari, kumpul di Posko Kali Gembong.</i>"
	errPesanKosong = "Pesan belum berisi. Silakan tulis pesan singkat."
	errPesanPanj   = "Pesan terlalu panjang (%s huruf). Paling banyak 1.000 huruf; silakan dipersingkat."

	askTitik      = "Kirim titik kumpul di peta dengan tombol di bawah, atau tekan <b>Lewati</b>."
	btnKirimTitik = "📍 Kirim titik kumpul"
	btnLewati     = "Lewati"
	errTitik      = "Silakan kirim titik kumpul dengan tombol 📍, atau tekan Lewati."
	showNoTitik   = "tidak ada"
	showTitik     = "%.5f, %.5f"

	labelSasaran = "Penerima"
	labelPesan   = "Pesan"
	labelTitik   = "Titik kumpul"
	summaryTitle = "🚨 <b>Periksa panggilan siaga</b>"
	btnKirim     = "🚨 Kirim siaga"

	lblTaganaAll = "Tagana seluruh kota"
	lblTaganaIn  = "Tagana di wilayah %s"
	lblClipped   = ", hanya di wilayah kerja %s"

	msgNoRecipient = "Tidak ada relawan terverifikasi untuk penerima itu (%s), jadi panggilan tidak dikirim. Ketik /siaga untuk mencoba lagi."
	msgStarting    = "🚨 Panggilan siaga sedang disiapkan…"

	// What each recipient receives.
	msgCall      = "🚨 <b>PANGGILAN SIAGA</b>\n\n%s"
	msgCallPin   = "\n\n📍 Titik kumpul: <a href=\"https://maps.google.com/?q=%.6f,%.6f\">buka peta</a>"
	msgCallAsk   = "\n\nApakah Bapak/Ibu bisa berangkat? Mohon jawab dengan tombol."
	btnSiap      = "✅ Siap berangkat"
	btnTidak     = "❌ Tidak bisa"
	btn30m       = "≤ 30 menit"
	btn1j        = "≤ 1 jam"
	btnLebih     = "Lebih dari 1 jam"
	btnUbahTiba  = "🕒 Ubah waktu tiba"
	msgAnsSiap   = "\n\n✅ Jawaban: <b>Siap berangkat</b>. Kapan Bapak/Ibu bisa tiba di titik kumpul?"
	msgAnsTiba   = "\n\n✅ Jawaban: <b>Siap berangkat</b>, tiba <b>%s</b>. Terima kasih! Jawaban masih bisa diubah selama siaga dibuka."
	msgAnsTidak  = "\n\n❌ Jawaban: <b>Tidak bisa</b>. Terima kasih sudah menjawab. Jawaban masih bisa diubah selama siaga dibuka."
	msgAnsClosed = "\n\n🔒 Siaga sudah ditutup."
	answerSaved  = "Jawaban tersimpan."
	answerClosed = "Siaga sudah ditutup."
	msgKabar     = "📣 <b>Kabar siaga</b>\n\n%s"

	arr30m   = "≤ 30 menit"
	arr1j    = "≤ 1 jam"
	arrLebih = "lebih dari 1 jam"
	arrBelum = "waktu tiba belum dipilih"

	// The coordinator's tally.
	msgTally = "🚨 <b>Siaga %s</b> (%s)\n%s\n\n" +
		"✅ Siap: <b>%s</b>\n   • ≤ 30 menit: %s\n   • ≤ 1 jam: %s\n   • lebih dari 1 jam: %s\n   • belum memilih waktu: %s\n" +
		"❌ Tidak bisa: <b>%s</b>\n⏳ Belum menjawab: <b>%s</b>\n⚠️ Gagal terkirim: <b>%s</b>\n📨 Terkirim %s/%s"
	msgTallyReports = "\n📝 Laporan terkait: <b>%s</b>"
	tallyOpen       = "dibuka"
	tallyClosed     = "ditutup"
	btnDaftar       = "📋 Daftar siap"
	btnKabar        = "📣 Kirim kabar"
	btnTutup        = "🔒 Tutup siaga"

	msgDaftarTitle = "📋 <b>Daftar siap</b> — siaga %s\n"
	msgDaftarItem  = "\n%s. <b>%s</b> · %s · %s\n   📞 %s · tiba %s"
	msgDaftarNone  = "Belum ada relawan yang menjawab Siap berangkat."
	msgDaftarScope = "\n\n<i>Hanya relawan di wilayah kerja Bapak/Ibu (%s).</i>"
	noPhone        = "tidak ada nomor"

	askKabar        = "Tulis kabar untuk relawan yang menjawab <b>Siap berangkat</b>, misalnya titik kumpul yang baru."
	msgKabarSent    = "📣 Kabar dikirim ke %s relawan yang siap."
	msgKabarNone    = "Belum ada relawan yang menjawab Siap, jadi kabar tidak dikirim."
	msgKabarClosed  = "Siaga sudah ditutup, jadi kabar tidak dikirim."
	answerKabar     = "Silakan tulis kabarnya."
	answerTutup     = "Siaga ditutup."
	errNotYours     = "Hanya koordinator yang membuat siaga ini (atau admin) yang dapat melakukannya."
	msgHistoryTitle = "<b>Riwayat siaga</b>"
	msgHistoryNone  = "Belum ada panggilan siaga."
	// msgHistoryNoneScoped: call-ups may exist, none in the wilayah.
	msgHistoryNoneScoped = "Belum ada panggilan siaga untuk wilayah kerja Bapak/Ibu."
	msgHistoryItem       = "\n\n<b>%s</b> — %s (%s)\n%s\nSiap %s · tidak bisa %s · belum menjawab %s · gagal %s · laporan %s"
	msgHistoryHint       = "\n\nKetik /siaga untuk membuat panggilan baru."
)
