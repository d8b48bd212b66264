package nudge

// msgNudge is the gentle reminder, in Indonesian (HTML): friendly, short,
// and with the command that starts a report.
const msgNudge = "Halo, Bapak/Ibu 👋 Sudah sebulan kami belum menerima laporan kegiatan dari Bapak/Ibu. " +
	"Kalau ada kegiatan yang sudah dilakukan, silakan laporkan lewat /lapor, cukup beberapa menit. " +
	"Terima kasih atas pengabdian Bapak/Ibu. 🙏"
