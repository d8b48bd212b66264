package province

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// stmt is one step of the seed.
type stmt struct {
	name string
	sql  string
	args []any
}

// days is the span of the set: two years back from its now.
const days = 730

// statements returns the seed's steps in order. Volunteers, reports and
// answers are spread with multiplicative hashes of the row number, so
// the set is the same on every run for the same sizes and now.
func statements(z Sizes, info Info) []stmt {
	now := info.SeededAt
	start := now.In(wib).AddDate(0, 0, -days)
	startDay := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	peak := info.PeakMonth
	peakDays := peak.AddDate(0, 1, 0).Sub(peak).Hours() / 24
	peakDay := time.Date(peak.Year(), peak.Month(), 1, 0, 0, 0, 0, time.UTC)
	perEvent := 0
	if z.Events > 0 {
		perEvent = z.Answers / z.Events
	}
	perBroadcast := 0
	if z.OldBroadcasts > 0 {
		perBroadcast = z.OldOutbox / z.OldBroadcasts
	}
	codes, regionsOf, idx, names, kecs, coordIDs, coordNames, scopes := regionArgs()
	return []stmt{
		{"places", `CREATE TEMP TABLE seed_kel ON COMMIT DROP AS
			SELECT n::int, code, region FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t(code, region, n)`,
			[]any{pq.Array(codes), pq.Array(regionsOf)}},
		{"regions", `CREATE TEMP TABLE seed_region ON COMMIT DROP AS
			SELECT idx, name, string_to_array(kecs, ',') AS kecamatans
			FROM unnest($1::int[], $2::text[], $3::text[]) AS t(idx, name, kecs)`,
			[]any{pq.Array(idx), pq.Array(names), pq.Array(kecs)}},
		{"coordinators", `INSERT INTO coordinators (telegram_id, name, added_by, created_at, scope)
			SELECT $1, 'Bu Rina', 0, $3::timestamptz, '{}'
			UNION ALL
			SELECT id, name, $2, $3::timestamptz, scope::jsonb FROM unnest($4::bigint[], $5::text[], $6::text[]) AS t(id, name, scope)`,
			[]any{CityCoordinatorID, AdminID, start, pq.Array(coordIDs), pq.Array(coordNames), pq.Array(scopes)}},
		{"volunteers", volunteersSQL, []any{now, z.Volunteers, volunteerIDBase, AdminID}},
		{"volunteer numbers", `CREATE TEMP TABLE seed_vol ON COMMIT DROP AS
			SELECT row_number() OVER (ORDER BY v.id)::int AS n,
				row_number() OVER (PARTITION BY k.region ORDER BY v.id)::int AS rn,
				v.id, v.chat_id, k.region
			FROM volunteers v JOIN seed_kel k ON k.code = v.kelurahan_code WHERE v.status = 'verified';
			CREATE UNIQUE INDEX ON seed_vol (n); CREATE UNIQUE INDEX ON seed_vol (region, rn);
			CREATE TEMP TABLE seed_region_count ON COMMIT DROP AS
			SELECT region, count(*)::int AS cnt FROM seed_vol GROUP BY region;
			ANALYZE seed_vol; ANALYZE seed_kel`, nil},
		{"reports", reportsSQL, []any{now, z.Reports, z.PeakReports, peakDay, int(peakDays), startDay, days}},
		{"report photos", `INSERT INTO report_photos (report_id, position, file_id, file_unique_id)
			SELECT r.id, p, 'AgACAgProv' || r.id || '_' || p, 'AQADProv' || r.id || '_' || p
			FROM reports r CROSS JOIN generate_series(1, 2) AS p WHERE p = 1 OR r.id % 3 = 0`, nil},
		{"reviews", `INSERT INTO report_status_history (report_id, actor_id, from_status, to_status, note, created_at)
			SELECT r.id, CASE WHEN r.id % 4 = 0 THEN $2 ELSE $3 + k.region END, 'submitted', r.status,
				CASE r.status WHEN 'needs_correction' THEN 'Mohon lengkapi foto kegiatan.'
					WHEN 'rejected' THEN 'Laporan ganda.' ELSE '' END,
				LEAST(r.created_at + interval '1 day', $1::timestamptz)
			FROM reports r JOIN seed_kel k ON k.code = r.kelurahan_code WHERE r.status <> 'submitted'`,
			[]any{now, AdminID, regionCoordBase}},
		{"report counters", `INSERT INTO report_counters (year, last) SELECT year, max(seq) FROM reports GROUP BY year`, nil},
		{"events", eventsSQL, []any{z.Events, start, int64(days+60) * 86400, regionCoordBase}},
		{"answers", answersSQL, []any{now, perEvent, regionCoordBase}},
		{"reminders", `INSERT INTO event_reminders (event_id, volunteer_id, kind, due_at, sent_at)
			SELECT r.event_id, r.volunteer_id, k.kind, e.starts_at - k.before,
				CASE WHEN e.starts_at - k.before <= $1::timestamptz THEN e.starts_at - k.before END
			FROM event_rsvps r JOIN events e ON e.id = r.event_id
			CROSS JOIN (VALUES ('h1', interval '1 day'), ('h2', interval '2 hours')) AS k(kind, before)
			WHERE r.attending AND e.cancelled_at IS NULL`, []any{now}},
		{"digests", `INSERT INTO coordinator_digests (day, telegram_id, sent, done_at)
			SELECT (d AT TIME ZONE 'Asia/Jakarta')::date, c.telegram_id, (c.telegram_id + extract(doy FROM d)::int) % 3 <> 0,
				d + interval '1 hour'
			FROM coordinators c CROSS JOIN generate_series($2::timestamptz, $1::timestamptz - interval '1 day', interval '1 day') AS d`,
			[]any{now, start}},
		{"nudges", `INSERT INTO volunteer_nudges (volunteer_id, day, sent, done_at)
			SELECT v.id, (($1::timestamptz - (q * 90 + v.n % 60) * interval '1 day') AT TIME ZONE 'Asia/Jakarta')::date,
				v.n % 7 <> 0, $1::timestamptz - (q * 90 + v.n % 60) * interval '1 day' + interval '1 hour'
			FROM seed_vol v CROSS JOIN generate_series(0, 3) AS q WHERE v.n % 5 = 0`, []any{now}},
		{"broadcasts", `INSERT INTO broadcasts (created_by, chat_id, segment, scope, text, status, total,
				created_at, started_at, finished_at)
			SELECT $3, $3, '{}', '{}', 'Pengumuman ' || b || ': <b>rapat koordinasi</b> pilar-pilar sosial.', 'done', 0,
				t, t + interval '1 minute', t + interval '3 hours'
			FROM generate_series(1, $2) AS b
			CROSS JOIN LATERAL (SELECT $4::timestamptz + (b - 1) * (($1::timestamptz - interval '30 days' - $4::timestamptz) / $2) AS t) x`,
			[]any{now, z.OldBroadcasts, CityCoordinatorID, start}},
		{"outbox", outboxSQL, []any{perBroadcast}},
		{"broadcast totals", `UPDATE broadcasts b SET total = c.total, sent_count = c.sent, blocked_count = c.blocked,
				failed_count = c.failed
			FROM (SELECT broadcast_id, count(*) AS total, count(*) FILTER (WHERE status = 'sent') AS sent,
					count(*) FILTER (WHERE status = 'blocked') AS blocked, count(*) FILTER (WHERE status = 'failed') AS failed
				FROM broadcast_outbox GROUP BY broadcast_id) c
			WHERE c.broadcast_id = b.id`, nil},
	}
}

// regionArgs lays Regions() out as the arrays the places step unnests,
// and the region coordinators with their scopes as JSON.
func regionArgs() (codes []string, regionsOf, idx []int, names, kecs []string, coordIDs []int64, coordNames, scopes []string) {
	for i, r := range Regions() {
		for _, k := range r.Kelurahans {
			codes = append(codes, k)
			regionsOf = append(regionsOf, i+1)
		}
		idx = append(idx, i+1)
		names = append(names, r.Name)
		kec := ""
		for j, k := range r.Kecamatans {
			if j > 0 {
				kec += ","
			}
			kec += k
		}
		kecs = append(kecs, kec)
		coordIDs = append(coordIDs, RegionCoordinatorID(i))
		coordNames = append(coordNames, fmt.Sprintf("Koordinator %s", r.Name))
		raw, _ := json.Marshal(r.Scope())
		scopes = append(scopes, string(raw))
	}
	return
}

// volunteersSQL writes $2 volunteers registered over two years before $1:
// 90 % verified, 7 % waiting, 3 % rejected; seven in ten Karang Taruna as
// in Kota Pasuruan; spread evenly over the kelurahan of every region.
const volunteersSQL = `
INSERT INTO volunteers (telegram_id, chat_id, username, full_name, pilar, kelurahan_code, phone, nik,
	status, decided_by, decided_at, created_at, updated_at)
SELECT $3 + i, $3 + i, 'relawan' || i,
	(ARRAY['Siti','Sri','Dewi','Ahmad','Budi','Agus','Rina','Wahyu','Eko','Nur','Yuliana','Hendra','Fitri',
		'Rudi','Lestari','Bambang','Ika','Joko','Ani','Dimas'])[1 + i % 20] || ' ' ||
	(ARRAY['Rahayu','Wulandari','Santoso','Hidayat','Prasetyo','Susanti','Kurniawan','Handayani','Setiawan',
		'Purnomo','Lestari','Saputra','Maulana','Anggraini','Firmansyah','Yulianti','Nugroho','Rahmawati',
		'Wibowo','Fauzi','Pratiwi','Hakim','Syahputra','Utami','Ramadhan'])[1 + (i / 20) % 25],
	CASE WHEN p < 70 THEN 'karang_taruna' WHEN p < 82 THEN 'psm' WHEN p < 88 THEN 'tagana' WHEN p < 92 THEN 'pkh'
		WHEN p < 96 THEN 'karang_werda' WHEN p < 98 THEN 'lksa' ELSE 'tksk' END,
	k.code, '+62812' || lpad(i::text, 8, '0'), '35' || lpad(i::text, 14, '0'),
	st, CASE WHEN st <> 'pending' THEN $4::bigint END,
	CASE WHEN st <> 'pending' THEN LEAST(c + interval '2 days', $1::timestamptz) END, c, c
FROM generate_series(1, $2) AS i
CROSS JOIN LATERAL (SELECT (i * 37) % 100 AS p,
	CASE WHEN (i * 53) % 100 < 90 THEN 'verified' WHEN (i * 53) % 100 < 97 THEN 'pending' ELSE 'rejected' END AS st,
	$1::timestamptz - ((i::bigint * 7919) % 1051200) * interval '1 minute' AS c) x
JOIN seed_kel k ON k.n = 1 + i % (SELECT count(*) FROM seed_kel)`

// reportsSQL writes $2 reports of verified volunteers: $3 of them with
// their activity in the peak month ($4, $5 days long), the others spread
// over the $7 days from $6 outside it. A report is sent a day after the
// activity; most are approved, those of the last two weeks mostly wait.
// Three in five carry a pin; PSM's count penerima manfaat, Tagana's
// korban and pengungsi.
const reportsSQL = `
INSERT INTO reports (number, year, seq, idempotency_key, volunteer_id, pilar, activity, activity_date,
	kelurahan_code, latitude, longitude, disaster_type, victims, evacuees, needs, pmks_category,
	beneficiaries, description, status, created_at, updated_at)
SELECT 'LAP-' || yr || '-' || lpad(seq::text, 6, '0'), yr, seq, 'province-' || i, volunteer_id, pilar,
	CASE pilar
		WHEN 'psm' THEN (ARRAY['kunjungan_rumah','pendataan_pmks','penyaluran_bantuan','pendampingan','rujukan'])[1 + i % 5]
		WHEN 'tagana' THEN (ARRAY['asesmen','evakuasi','dapur_umum','shelter','psikososial','siaga'])[1 + i % 6]
		WHEN 'tksk' THEN (ARRAY['verval_data','pendampingan_bansos','koordinasi'])[1 + i % 3]
		WHEN 'pkh' THEN (ARRAY['p2k2','kunjungan_kpm','verifikasi_komitmen'])[1 + i % 3]
		WHEN 'karang_werda' THEN (ARRAY['senam_lansia','posyandu_lansia','keagamaan'])[1 + i % 3]
		WHEN 'lksa' THEN (ARRAY['pengasuhan','bimbingan','kesehatan'])[1 + i % 3]
		ELSE (ARRAY['bakti_sosial','pelatihan','olahraga_seni','pertemuan'])[1 + i % 4] END,
	activity_date, kelurahan_code,
	CASE WHEN i % 5 < 3 THEN CASE WHEN kelurahan_code LIKE '35.75.%' THEN -7.645 + (i % 61 - 30) * 0.001
		ELSE -7.9 + (i % 97 - 48) * 0.01 END END,
	CASE WHEN i % 5 < 3 THEN CASE WHEN kelurahan_code LIKE '35.75.%' THEN 112.905 + (i % 67 - 33) * 0.001
		ELSE 112.6 + (i % 89 - 44) * 0.02 END END,
	CASE WHEN pilar = 'tagana' THEN (ARRAY['Banjir','Kebakaran','Angin puting beliung','Tanah longsor','Lainnya'])[1 + i % 5] ELSE '' END,
	CASE WHEN pilar = 'tagana' THEN i % 7 END, CASE WHEN pilar = 'tagana' THEN i % 40 END,
	CASE WHEN pilar = 'tagana' THEN 'Makanan siap saji, selimut, air bersih' ELSE '' END,
	CASE WHEN pilar = 'psm' THEN (ARRAY['Fakir miskin','Lanjut usia telantar','Penyandang disabilitas','Anak telantar'])[1 + i % 4] ELSE '' END,
	CASE WHEN pilar = 'psm' THEN 1 + i % 9 END,
	(ARRAY['Mengunjungi warga dan mencatat kebutuhannya.',
		'Membantu penyaluran bantuan sembako bersama perangkat kelurahan.',
		'Mendampingi keluarga penerima manfaat ke puskesmas.',
		'Pertemuan rutin membahas program bulan depan.',
		'Kerja bakti membersihkan saluran air di lingkungan RW.',
		'Asesmen rumah warga yang terdampak genangan air.',
		'Senam pagi dan pemeriksaan kesehatan lansia.',
		'Pendataan warga rentan untuk usulan bantuan sosial.'])[1 + i % 8],
	CASE WHEN created > $1::timestamptz - interval '14 days' THEN
		CASE WHEN h < 60 THEN 'submitted' WHEN h < 90 THEN 'approved' WHEN h < 95 THEN 'needs_correction' ELSE 'rejected' END
	ELSE CASE WHEN h < 2 THEN 'submitted' WHEN h < 90 THEN 'approved' WHEN h < 94 THEN 'needs_correction' ELSE 'rejected' END END,
	created, created
FROM (
	SELECT *, row_number() OVER (PARTITION BY yr ORDER BY created, i)::int AS seq
	FROM (
		SELECT i, (i * 31) % 100 AS h, v.id AS volunteer_id, vv.pilar, vv.kelurahan_code, a.activity_date, c.created,
			extract(year FROM c.created AT TIME ZONE 'Asia/Jakarta')::int AS yr
		FROM generate_series(1, $2) AS i
		CROSS JOIN LATERAL (SELECT CASE WHEN i <= $3 THEN $4::date + (i % $5)
			ELSE $6::date + ((i * 13) % ($7 - $5))
				+ CASE WHEN $6::date + ((i * 13) % ($7 - $5)) >= $4::date THEN $5 ELSE 0 END END AS activity_date) a
		CROSS JOIN LATERAL (SELECT LEAST((a.activity_date::timestamp AT TIME ZONE 'Asia/Jakarta')
			+ interval '1 day 1 hour' + (i % 600) * interval '1 minute', $1::timestamptz) AS created) c
		JOIN seed_vol v ON v.n = 1 + (i::bigint * 7919) % (SELECT count(*) FROM seed_vol)
		JOIN volunteers vv ON vv.id = v.id
	) b
) n`

// eventsSQL writes $1 events from $2 over $3 seconds (two years back
// to two months ahead), each of one region (its coordinator's), one in ten for the
// whole province; half for one pilar; seven in ten with a pin.
const eventsSQL = `
INSERT INTO events (title, kind, starts_at, ends_at, place, latitude, longitude, pilars, regions,
	description, quota, created_by, cancelled_at, created_at, updated_at)
SELECT (ARRAY['Bimtek','Rapat koordinasi','Upacara HKSN','Lomba pilar sosial','Simulasi siaga bencana','Bakti sosial'])[1 + e % 6]
		|| ' ' || g.name || ' #' || e,
	(ARRAY['bimtek','rapat','upacara','lomba','siaga_bencana','lainnya'])[1 + e % 6],
	s, s + interval '3 hours', 'Aula Dinas Sosial ' || g.name,
	CASE WHEN e % 10 < 7 THEN -7.645 END, CASE WHEN e % 10 < 7 THEN 112.905 END,
	CASE WHEN e % 2 = 0 THEN '{}'::text[]
		ELSE ARRAY[(ARRAY['psm','tagana','karang_taruna','pkh','karang_werda','lksa','tksk'])[1 + (e / 2) % 7]] END,
	CASE WHEN e % 10 = 0 THEN '{}'::text[] ELSE g.kecamatans END,
	'Kegiatan untuk pilar-pilar sosial.', CASE WHEN e % 5 = 0 THEN 100 END,
	$4 + g.idx, CASE WHEN e % 33 = 0 THEN s - interval '1 day' END, s - interval '14 days', s - interval '14 days'
FROM generate_series(1, $1) AS e
CROSS JOIN LATERAL (SELECT $2::timestamptz + (e::bigint * $3 / $1) * interval '1 second' AS s) t
JOIN seed_region g ON g.idx = 1 + e % (SELECT count(*) FROM seed_region)`

// answersSQL writes $2 answers to every event from verified volunteers
// of its region: six in seven Hadir, seven in ten of those checked in at
// a past event (verified when it has a pin).
const answersSQL = `
INSERT INTO event_rsvps (event_id, volunteer_id, attending, answered_at, checked_in_at, checkin_verified, checkin_distance_m)
SELECT e.id, v.id, att, e.starts_at - interval '2 days',
	CASE WHEN ci THEN e.starts_at + interval '10 minutes' END,
	ci AND e.latitude IS NOT NULL, CASE WHEN ci AND e.latitude IS NOT NULL THEN 40 + k END
FROM events e
CROSS JOIN generate_series(0, $2 - 1) AS k
JOIN seed_region_count c ON c.region = e.created_by - $3
JOIN seed_vol v ON v.region = c.region AND v.rn = 1 + (e.id * 977 + k) % c.cnt
CROSS JOIN LATERAL (SELECT (e.id + k) % 7 <> 0 AS att) a
CROSS JOIN LATERAL (SELECT att AND e.starts_at < $1::timestamptz AND e.cancelled_at IS NULL AND k % 10 < 7 AS ci) b
ON CONFLICT DO NOTHING`

// outboxSQL writes $1 recipients to every finished broadcast: 95 % sent,
// 3 % blocked the bot, 2 % failed.
const outboxSQL = `
INSERT INTO broadcast_outbox (broadcast_id, chat_id, volunteer_id, status, attempts, next_attempt_at,
	message_id, error, done_at, priority)
SELECT b.id, v.chat_id, v.id, st, 1, b.started_at, CASE WHEN st = 'sent' THEN 1000 + k END,
	CASE st WHEN 'blocked' THEN 'Forbidden: bot was blocked by the user' WHEN 'failed' THEN 'Bad Request: chat not found' ELSE '' END,
	b.started_at + k * interval '34 milliseconds', 1
FROM broadcasts b
CROSS JOIN generate_series(0, LEAST($1, (SELECT count(*) FROM seed_vol)::int) - 1) AS k
CROSS JOIN LATERAL (SELECT CASE WHEN (k * 7) % 100 < 95 THEN 'sent' WHEN (k * 7) % 100 < 98 THEN 'blocked'
	ELSE 'failed' END AS st) s
JOIN seed_vol v ON v.n = 1 + (b.id * 7 + k) % (SELECT count(*) FROM seed_vol)
WHERE b.status = 'done'`
