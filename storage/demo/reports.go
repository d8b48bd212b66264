package demo

import (
	"context"
	"fmt"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// uraian is what a volunteer writes about an activity, by activity code.
var uraian = map[string]string{
	"kunjungan_rumah":         "Kunjungan ke rumah warga lansia yang tinggal sendiri. Kondisi sehat, kebutuhan sembako dicatat untuk diusulkan.",
	"pendataan_pmks":          "Pendataan PMKS di RW 03 bersama ketua RT. Data diserahkan ke kelurahan.",
	"penyaluran_bantuan":      "Penyaluran paket sembako kepada keluarga penerima. Semua paket diterima langsung oleh penerima.",
	"pendampingan":            "Mendampingi warga mengurus BPJS PBI di kantor kelurahan.",
	"rujukan":                 "Merujuk warga disabilitas ke puskesmas untuk pemeriksaan lanjutan.",
	"penyuluhan":              "Penyuluhan pencegahan pernikahan dini di balai RW, dihadiri ibu-ibu PKK.",
	"asesmen":                 "Asesmen genangan setelah hujan deras semalam. Air setinggi 40 cm di permukiman dekat Kali Gembong.",
	"evakuasi":                "Evakuasi warga lansia dan anak-anak ke balai kelurahan menggunakan perahu karet.",
	"dapur_umum":              "Dapur umum di posko kelurahan, 300 bungkus nasi untuk warga terdampak banjir.",
	"siaga":                   "Piket siaga di posko Tagana, pemantauan debit Kali Petung.",
	"pelatihan":               "Pelatihan dan simulasi bersama warga dan anggota.",
	"verval_data":             "Verifikasi dan validasi data DTKS bersama operator kelurahan.",
	"pendampingan_bansos":     "Pendampingan penyaluran bansos di kantor pos.",
	"koordinasi":              "Rapat koordinasi pilar sosial tingkat kecamatan.",
	"p2k2":                    "Pertemuan kelompok P2K2 modul kesehatan dan gizi anak, 25 KPM hadir.",
	"kunjungan_kpm":           "Kunjungan rumah KPM yang anaknya tidak sekolah; anak sudah kembali masuk sekolah.",
	"verifikasi_komitmen":     "Verifikasi komitmen pendidikan dan kesehatan KPM di posyandu.",
	"pendampingan_penyaluran": "Mendampingi KPM mengambil bantuan di bank penyalur.",
	"pemutakhiran_data":       "Pemutakhiran data KPM yang pindah domisili.",
	"bakti_sosial":            "Bakti sosial bersih-bersih saluran air bersama pemuda RW.",
	"olahraga_seni":           "Latihan hadrah pemuda untuk lomba tingkat kota.",
	"pertemuan":               "Pertemuan rutin bulanan pengurus dan anggota.",
	"senam_lansia":            "Senam lansia pagi di balai RW, diikuti 40 lansia.",
	"posyandu_lansia":         "Posyandu lansia: cek tensi dan gula darah bersama bidan kelurahan.",
	"keagamaan":               "Pengajian rutin lansia di musala.",
	"kunjungan_lansia":        "Kunjungan ke lansia yang sakit di rumah.",
	"pengasuhan":              "Kegiatan pengasuhan harian anak asuh, belajar kelompok sore.",
	"bimbingan":               "Bimbingan belajar anak asuh menjelang ujian sekolah.",
	"kesehatan":               "Pemeriksaan kesehatan anak asuh oleh puskesmas.",
	"reunifikasi":             "Kunjungan keluarga anak asuh untuk persiapan reunifikasi.",
}

// seedReport stores report n of vol, ageDays before now, and reviews it
// when it is old enough. The idempotency key makes a second seed a no-op.
func seedReport(ctx context.Context, store *storage.Store, admin storage.Actor, vol *storage.Volunteer, n int, now time.Time, ageDays int) error {
	acts := domain.ActivitiesOf(vol.Pilar)
	act := acts[n%(len(acts)-1)] // never "Lainnya"
	day := now.In(domain.WIB).AddDate(0, 0, -ageDays)
	date := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	submitted := time.Date(day.Year(), day.Month(), day.Day(), 15+n%5, 10*(n%6), 0, 0, domain.WIB)
	if submitted.After(now) {
		submitted = now.Add(-time.Duration(n%3+1) * time.Hour)
	}
	r := &storage.Report{IdempotencyKey: fmt.Sprintf("demo:report:%d", n), VolunteerID: vol.ID, Pilar: vol.Pilar,
		Activity: act.Code, ActivityDate: date, KelurahanCode: vol.KelurahanCode,
		Description: or(uraian[act.Code], "Kegiatan berjalan lancar.")}
	if p, ok := domain.KelurahanPoint(vol.KelurahanCode); ok && n%2 == 0 {
		lat, lon := p.Lat+float64(n%7-3)*0.0007, p.Lon+float64(n%5-2)*0.0008
		r.Latitude, r.Longitude = &lat, &lon
	}
	if act.Disaster {
		victims, evacuees := 20+n*3%40, 5+n%12
		r.DisasterType, r.Victims, r.Evacuees = "Banjir", &victims, &evacuees
		r.Needs = "Nasi bungkus, selimut, air bersih, popok bayi."
	}
	if act.PMKS {
		helped := 1 + n%6
		r.PMKSCategory, r.Beneficiaries = domain.PMKSCategories[n%(len(domain.PMKSCategories)-1)], &helped
	}
	for k := 0; k < 1+n%3; k++ {
		id := reportPhotoID(n, k)
		r.Photos = append(r.Photos, storage.ReportPhoto{FileID: id, FileUniqueID: "AgAD" + id[4:]})
	}
	store.Now = func() time.Time { return submitted }
	created, err := store.CreateReport(ctx, r, vol.TelegramID, domain.WIB)
	if err != nil || !created {
		return err
	}
	status, note := review(n, ageDays)
	if status == domain.ReportSubmitted {
		return nil
	}
	store.Now = func() time.Time { return submitted.Add(20 * time.Hour) }
	_, err = store.ReviewReport(ctx, r.ID, admin, status, note)
	return err
}

// review decides the demo report n: those of the last four days wait for
// review; of the others most are approved, some sent back, a few refused.
func review(n, ageDays int) (domain.ReportStatus, string) {
	switch {
	case ageDays <= 4:
		return domain.ReportSubmitted, ""
	case n%9 == 4:
		return domain.ReportNeedsCorrection, "Mohon tambahkan jumlah penerima dan foto yang lebih jelas."
	case n%13 == 7:
		return domain.ReportRejected, "Kegiatan ini sudah dilaporkan sebelumnya."
	}
	return domain.ReportApproved, ""
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
