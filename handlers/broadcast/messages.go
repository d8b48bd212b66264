package broadcast

// The texts of /umumkan (broadcasts), for review by an Indonesian speaker.
// HTML: values filled in with %s are escaped by the caller.
const (
	// CmdUmumkan is /umumkan in the menu and in /bantuan.
	CmdUmumkan = "Kirim pengumuman ke relawan"

	flowUmumkanTitle = "pengumuman"

	askSasaran = "Kepada siapa pengumuman ini dikirim? Pilih salah satu."
	optSemua   = "Semua relawan"
	optPilar   = "Per jenis pilar"
	optKec     = "Per kecamatan"
	optKel     = "Per kelurahan"
	optAcara   = "Peserta acara"
	errSasaran = "Silakan pilih salah satu tombol: Semua relawan, Per jenis pilar, Per kecamatan, Per kelurahan, atau Peserta acara."
	// msgSasaranScope tells a scoped coordinator that every audience is
	// clipped to the scope.
	msgSasaranScope = "\n\nPengumuman hanya sampai ke relawan di wilayah kerja Bapak/Ibu: <b>%s</b>."
	errNoKecamatan  = "Wilayah kerja Bapak/Ibu (%s) tidak mencakup satu kecamatan penuh. Silakan pilih Per kelurahan."
	errNoAcara      = "Bapak/Ibu belum mempunyai acara mendatang, jadi belum ada peserta acara. Silakan pilih penerima lain, atau buat acara dengan /acara."

	askPilihPilar = "Pilih jenis pilar penerima. Bapak/Ibu boleh memilih beberapa, satu per satu; tekan lagi untuk membatalkan pilihan. Tekan <b>Selesai</b> bila sudah."
	askPilihKec   = "Pilih kecamatan penerima. Bapak/Ibu boleh memilih beberapa, satu per satu; tekan lagi untuk membatalkan pilihan. Tekan <b>Selesai</b> bila sudah."
	askPilihKel   = "Pilih atau ketik kelurahan penerima, misalnya <i>Mayangan</i>. Bapak/Ibu boleh memilih beberapa, satu per satu; tekan lagi untuk membatalkan pilihan. Tekan <b>Selesai</b> bila sudah."
	askPilihAcara = "Pilih acara. Pengumuman dikirim kepada relawan yang menjawab <b>Hadir</b> pada acara itu."
	errPilihAcara = "Acara itu tidak ada dalam daftar. Silakan pilih salah satu tombol acara."
	msgChosen     = "\n\nSudah dipilih: <b>%s</b>"
	optSelesai    = "Selesai"
	errPilihDulu  = "Belum ada yang dipilih. Pilih minimal satu, lalu tekan Selesai."

	askPesan = "Tulis isi pengumuman. Huruf <b>tebal</b>, <i>miring</i> dan tautan akan tetap seperti yang Bapak/Ibu tulis.\n\n" +
		"Untuk menyertakan foto, kirim <b>satu</b> foto dengan keterangan (paling banyak 1.024 huruf)."
	errPesanKosong  = "Pengumuman belum berisi. Silakan tulis isi pengumuman, atau kirim satu foto dengan keterangan."
	errPesanAlbum   = "Mohon kirim satu foto saja, dengan keterangan, bukan beberapa foto sekaligus."
	errPesanPanjang = "Pengumuman terlalu panjang (%s huruf). Paling banyak 4.096 huruf; silakan dipersingkat."
	errCaptionLong  = "Keterangan foto terlalu panjang (%s huruf). Paling banyak 1.024 huruf; silakan dipersingkat atau kirim tanpa foto."

	msgPreviewHead  = "Pratinjau — seperti ini pengumuman akan diterima relawan:"
	msgConfirmSend  = "<b>Kirim pengumuman?</b>\nPenerima: %s\nJumlah: <b>%s relawan</b> (terverifikasi dan dapat dihubungi)"
	msgNoRecipient  = "Tidak ada relawan terverifikasi untuk penerima itu (%s), jadi pengumuman tidak dikirim. Ketik /umumkan untuk mencoba penerima lain."
	btnKirimUmumkan = "📢 Kirim"
	btnBatalKirim   = "❌ Batal"
	btnUbahPesan    = "✏️ Ubah pesan"
	answerUbahPesan = "Silakan tulis pesan yang baru."
	msgSendCancel   = "Pengumuman dibatalkan, tidak ada yang dikirim."
	answerStarted   = "Pengumuman mulai dikirim."

	msgProgress = "📢 <b>Pengumuman sedang dikirim</b> (%s)\nTerkirim %s/%s, gagal %s"
	msgProgDone = "📢 <b>Pengumuman selesai dikirim</b> (%s)\nTerkirim %s/%s, gagal %s"
	msgReport   = "✅ <b>Laporan pengumuman</b>\nPenerima: %s\nTerkirim: <b>%s</b>\nMemblokir bot: <b>%s</b> (tidak akan dikirimi lagi)\nGagal: <b>%s</b>"

	msgHistoryTitle = "<b>Riwayat pengumuman</b>"
	msgHistoryNone  = "Belum ada pengumuman yang dikirim."
	// msgHistoryNoneScoped: announcements may exist, none in the wilayah.
	msgHistoryNoneScoped = "Belum ada pengumuman untuk wilayah kerja Bapak/Ibu."
	msgHistoryItem       = "\n\n<b>%s</b> — %s\nTerkirim %s/%s · memblokir %s · gagal %s%s"
	msgHistorySend       = " · <i>sedang dikirim</i>"
	msgHistoryHint       = "\n\nKetik /umumkan untuk membuat pengumuman baru."

	lblSemua   = "semua relawan"
	lblAcara   = "peserta acara %s (yang menjawab Hadir)"
	lblClipped = ", hanya di wilayah kerja Bapak/Ibu (%s)"
	// lblHistoryScope names, in the history, the scope that clipped a
	// broadcast (of whichever coordinator).
	lblHistoryScope = ", dibatasi wilayah kerja %s"

	// msgNoRecipientScope: nobody of the audience lives in the
	// coordinator's scope.
	msgNoRecipientScope = "Tidak ada relawan terverifikasi di wilayah kerja Bapak/Ibu (%s) untuk penerima itu (%s), jadi pengumuman tidak dikirim. Ketik /umumkan untuk mencoba penerima lain."
)
