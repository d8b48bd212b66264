package storage_test

import (
	"context"
	"strconv"
	"testing"

	"pilarbot/storage"
)

// TestEraseRedactsNotesInEveryForm: the notes about an erased volunteer
// lose the name, phone and NIK however they were written, and keep the
// rest of what they say.
func TestEraseRedactsNotesInEveryForm(t *testing.T) {
	t.Parallel()
	s, _ := openWithClock(t)
	ctx := context.Background()
	v := &storage.Volunteer{TelegramID: 1201, ChatID: 1201, Username: "dewi_psm", FullName: "Dewi  Sri Lestari",
		Pilar: "psm", KelurahanCode: "35.75.04.1006", Phone: "+6281234567890", NIK: "3575046512850001"}
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ note, want string }{
		{"HP 0812-3456-7890 tidak aktif", "HP [dihapus] tidak aktif"},
		{"wa: 62 812 3456 7890", "wa: [dihapus]"},
		{"+62 (0)812.3456.7890", "[dihapus]"},
		{"telp (0812) 3456 7890.", "telp ([dihapus]."},
		{"nomor 81234567890 salah", "nomor [dihapus] salah"},
		{"NIK 3575 0465 1285 0001 beda", "NIK [dihapus] beda"},
		{"NIK 3575-0465-1285-0001", "NIK [dihapus]"},
		{"nama DEWI SRI LESTARI, KTP dewi sri lestari", "nama [dihapus], KTP [dihapus]"},
		{"Bu Dewi, foto buram", "Bu [dihapus], foto buram"},
		{"akun @Dewi_PSM", "akun @[dihapus]"},
		{"Sriwijaya bukan nama", "Sriwijaya bukan nama"},
		{"RT 081 dan nomor 3456", "RT 081 dan nomor 3456"},
	}
	for _, tc := range tests {
		_, err := s.DB().ExecContext(ctx, `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, before, after, note, created_at)
			VALUES (1, 'volunteer.note', $1, $2, '', '', $3, now())`, storage.SubjectVolunteer, strconv.FormatInt(v.ID, 10), tc.note)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.EraseVolunteer(ctx, v.TelegramID); err != nil {
		t.Fatal(err)
	}
	log, err := s.AuditLog(ctx, storage.SubjectVolunteer, strconv.FormatInt(v.ID, 10))
	if err != nil || len(log) != len(tests)+1 {
		t.Fatalf("audit = %d entries, %v", len(log), err)
	}
	for i, tc := range tests {
		if got := log[i].Note; got != tc.want {
			t.Errorf("%q became %q, want %q", tc.note, got, tc.want)
		}
	}
}
