package data

import (
	"context"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

// BenchmarkExportReports streams 10,000 reports of one month from Postgres
// into an .xlsx workbook, the way /ekspor laporan does: each with a
// 300-character uraian, half with a pin, two photos and a review. It
// reports the time per export and the peak extra heap in use during one.
//
//	go test -run '^$' -bench ExportReports -benchmem ./handlers/data/
func BenchmarkExportReports(b *testing.B) {
	const n = 10000
	store := storagetest.Open(b)
	ctx := context.Background()
	seed := []string{
		`INSERT INTO volunteers (telegram_id, chat_id, full_name, pilar, kelurahan_code, phone, nik,
			status, decided_by, decided_at, created_at, updated_at)
		SELECT 100000 + i, 100000 + i, 'Relawan Nomor ' || i,
			(ARRAY['psm','tagana','karang_taruna'])[1 + i % 3],
			(ARRAY['35.75.04.1006','35.75.04.1003','35.75.01.1001','35.75.03.1003'])[1 + i % 4],
			'+62812' || lpad(i::text, 8, '0'), '35750401019' || lpad(i::text, 5, '0'),
			'verified', 9001, now(), now(), now()
		FROM generate_series(1, 500) AS i`,
		`INSERT INTO coordinators (telegram_id, name, created_at) VALUES (9001, 'Bu Rina', now())`,
		`INSERT INTO reports (number, year, seq, idempotency_key, volunteer_id, pilar, activity, activity_date,
			kelurahan_code, latitude, longitude, disaster_type, victims, evacuees, needs, pmks_category,
			beneficiaries, description, status, created_at, updated_at)
		SELECT 'LAP-2023-' || lpad(i::text, 6, '0'), 2023, i, 'k' || i, v.id, v.pilar,
			CASE v.pilar WHEN 'psm' THEN 'kunjungan_rumah' WHEN 'tagana' THEN 'evakuasi' ELSE 'bakti_sosial' END,
			date '2023-12-01' + (i % 31), v.kelurahan_code,
			CASE WHEN i % 2 = 0 THEN -7.64 END, CASE WHEN i % 2 = 0 THEN 112.90 END,
			CASE WHEN v.pilar = 'tagana' THEN 'Banjir' ELSE '' END,
			CASE WHEN v.pilar = 'tagana' THEN i % 7 END, CASE WHEN v.pilar = 'tagana' THEN i % 40 END,
			CASE WHEN v.pilar = 'tagana' THEN 'Makanan siap saji, selimut, air bersih' ELSE '' END,
			CASE WHEN v.pilar = 'psm' THEN 'Fakir miskin' ELSE '' END, CASE WHEN v.pilar = 'psm' THEN 1 + i % 9 END,
			repeat('Mengunjungi warga dan mencatat kebutuhannya. ', 7),
			(ARRAY['submitted','approved','needs_correction','rejected'])[1 + i % 4], now(), now()
		FROM generate_series(1, $1) AS i JOIN volunteers v ON v.id = 1 + i % 500`,
		`INSERT INTO report_photos (report_id, position, file_id, file_unique_id)
		SELECT r.id, p, 'file-' || r.id || '-' || p, 'u-' || r.id || '-' || p
		FROM reports r, generate_series(1, 2) AS p`,
		`INSERT INTO report_status_history (report_id, actor_id, from_status, to_status, note, created_at)
		SELECT id, 9001, 'submitted', status, '', now() FROM reports WHERE status <> 'submitted'`,
		`ANALYZE`,
	}
	for i, q := range seed {
		var err error
		if i == 2 {
			_, err = store.DB().ExecContext(ctx, q, n)
		} else {
			_, err = store.DB().ExecContext(ctx, q)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	req := exportRequest{Value: "2023-12", Now: time.Date(2024, 1, 10, 8, 0, 0, 0, domain.WIB)}

	benchExport(b, n, func() (int, error) { return writeReportsXLSX(ctx, store, req, io.Discard) })
}

// benchExport runs export once per iteration, checks it wrote want rows,
// and reports the peak extra heap in use during one run (sampled every
// millisecond) as peak-extra-MB.
func benchExport(b *testing.B, want int, export func() (int, error)) {
	var peak atomic.Uint64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			var ms runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > base.HeapInuse {
						if extra := ms.HeapInuse - base.HeapInuse; extra > peak.Load() {
							peak.Store(extra)
						}
					}
				}
			}
		})
		rows, err := export()
		close(stop)
		wg.Wait()
		if err != nil || rows != want {
			b.Fatalf("export: %d rows, %v", rows, err)
		}
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-extra-MB")
}
