package parse

import (
	"fmt"
	"time"

	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// All texts the user reads when their input is refused. Each says what is
// wrong and gives an example. None of them may include the user's input.
// Reviewers: please keep them short, polite and plain.

// Name.
const (
	msgNameTooShort = "Nama terlalu pendek. Mohon tulis nama lengkap, minimal 3 huruf. Contoh: Siti Aminah."
	msgNameTooLong  = "Nama terlalu panjang, maksimal 100 huruf. Contoh: Siti Aminah."
	msgNameDigits   = "Nama tidak boleh berisi angka. Contoh: Siti Aminah."
	msgNameChars    = "Nama hanya boleh berisi huruf, spasi, dan tanda baca (tanpa emoji). Contoh: Moch. Ma'ruf."
)

// Phone.
const (
	msgPhone         = "Nomor HP belum benar. Contoh: 0812-3456-7890."
	msgPhoneLandline = "Mohon kirim nomor HP yang diawali 08, bukan nomor telepon rumah. Contoh: 0812-3456-7890."
	msgPhoneContact  = "Nomor pada kontak bukan nomor HP Indonesia. Mohon ketik nomor HP Anda. Contoh: 0812-3456-7890."
)

// NIK. The example is written in groups of four, as on the KTP, so no
// message ever holds a long run of digits.
const (
	msgNIKFormat   = "NIK harus 16 angka sesuai KTP. Contoh: 3575 0141 0190 0001."
	msgNIKRegion   = "Kode wilayah pada NIK (6 angka pertama) tidak dikenal. Mohon periksa kembali sesuai KTP. Contoh: 3575 0141 0190 0001."
	msgNIKBirth    = "Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid. Mohon periksa kembali sesuai KTP. Contoh: 3575 0141 0190 0001."
	msgNIKSerial   = "Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000. Mohon periksa kembali sesuai KTP. Contoh: 3575 0141 0190 0001."
	msgNIKNotEmpty = "Mohon tulis NIK Anda, 16 angka sesuai KTP. Contoh: 3575 0141 0190 0001."
)

// Kecamatan and kelurahan.
const (
	msgKecamatanUnknown = "Kecamatan tidak ditemukan. Silakan ketuk salah satu tombol kecamatan. Contoh: Panggungrejo."
	msgKelurahanUnknown = "Kelurahan tidak ditemukan. Silakan ketuk salah satu tombol kelurahan. Contoh: Mayangan."
)

// msgKelurahanElsewhere says the kelurahan exists but lies in another
// kecamatan. Both names come from the reference table, not from the user.
func msgKelurahanElsewhere(kel domain.Kelurahan, kec domain.Kecamatan) string {
	return fmt.Sprintf("Kelurahan %s tidak termasuk Kecamatan %s. Silakan ketuk salah satu tombol kelurahan.", kel.Name, kec.Name)
}

// Date and time.
const (
	msgDate          = "Tanggal belum benar. Contoh: 20-12-2023 atau 20 Desember 2023."
	msgDateNotExist  = "Tanggal itu tidak ada di kalender. Contoh: 28-02-2024."
	msgTime          = "Jam belum benar. Tulis jam 00.00 sampai 23.59. Contoh: 08.00."
	msgDateTime      = "Tanggal dan jam belum benar. Contoh: 20-12-2023 08.00."
	msgDateTimeNoJam = "Mohon tulis juga jamnya. Contoh: 20-12-2023 08.00."
)

// msgWeekdayMismatch says the day name does not match the date. The date is
// our own formatting of a valid calendar date.
func msgWeekdayMismatch(t time.Time) string {
	return fmt.Sprintf("Tanggal %d %s %d jatuh pada hari %s. Mohon periksa kembali hari dan tanggalnya. Contoh: Rabu, 20 Desember 2023.",
		t.Day(), kit.MonthName(t.Month()), t.Year(), kit.DayName(t.Weekday()))
}

// msgIntRange asks for a whole number between min and max.
func msgIntRange(min, max int) string {
	ex := 12
	if ex < min || ex > max {
		ex = min
	}
	return fmt.Sprintf("Mohon tulis angka %s sampai %s. Contoh: %s.",
		kit.FormatInt(min), kit.FormatInt(max), kit.FormatInt(ex))
}

// msgTextTooShort and msgTextTooLong are for free-text answers; what is
// the name of the answer ("Uraian", "Alasan").
func msgTextTooShort(what string, min int) string {
	return fmt.Sprintf("%s terlalu pendek, minimal %s huruf.", what, kit.FormatInt(min))
}

func msgTextTooLong(what string, max int) string {
	return fmt.Sprintf("%s terlalu panjang, maksimal %s huruf.", what, kit.FormatInt(max))
}

// Periods (/rekap, /ekspor).
const (
	msgPeriodFormat = "Bulan tidak dikenali. Contoh: bulan ini, bulan lalu, Desember 2023, atau 12/2023."
	msgPeriodTooOld = "Tahun terlalu lama. Contoh: Desember 2023."
	msgPeriodFuture = "%s belum berjalan. Pilih bulan ini atau bulan sebelumnya, contoh: bulan lalu."
)
