package data

import (
	"context"
	"io"
	"testing"
	"time"

	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

// BenchmarkExportVolunteers streams 10,000 volunteers from Postgres into an
// .xlsx workbook, the way /ekspor does. It reports the time per export and
// the peak extra heap in use during one (sampled every millisecond).
//
//	go test -run '^$' -bench ExportVolunteers -benchmem ./handlers/data/
func BenchmarkExportVolunteers(b *testing.B) {
	const n = 10000
	store := storagetest.Open(b)
	ctx := context.Background()
	// Seed with one statement: every pilar, every kelurahan, distinct
	// NIKs and phones, all verified.
	_, err := store.DB().ExecContext(ctx, `
		INSERT INTO volunteers (telegram_id, chat_id, full_name, pilar, kelurahan_code, phone, nik,
			status, decided_by, decided_at, created_at, updated_at)
		SELECT 100000 + i, 100000 + i, 'Relawan Nomor ' || i,
			(ARRAY['psm','tagana','tksk','pkh','karang_taruna','karang_werda','lksa'])[1 + i % 7],
			(ARRAY['35.75.04.1006','35.75.04.1003','35.75.01.1001','35.75.03.1003'])[1 + i % 4],
			'+62812' || lpad(i::text, 8, '0'), '35750401019' || lpad(i::text, 5, '0'),
			'verified', 9001, now(), now(), now()
		FROM generate_series(1, $1) AS i`, n)
	if err != nil {
		b.Fatal(err)
	}
	req := exportRequest{Now: time.Date(2024, 1, 10, 8, 0, 0, 0, domain.WIB)}

	benchExport(b, n, func() (int, error) { return writeVolunteersXLSX(ctx, store, req, io.Discard) })
}
