package apptest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
)

// TestNIK is a valid NIK of Kota Pasuruan: a woman born 1 January 1990
// (41 = 1 + 40). TestPhone is a valid mobile number.
const (
	TestNIK   = "3575044101900001"
	TestPhone = "0812-3456-7890"
)

// Expect waits for the next bot message in u's chat and checks that what
// the user sees contains every want.
func Expect(t testing.TB, u *telegramtest.User, want ...string) *telegramtest.Message {
	t.Helper()
	m := u.WaitNext()
	for _, w := range want {
		if !strings.Contains(m.Plain, w) {
			t.Fatalf("chat %d: message %q does not contain %q", u.ID, m.Plain, w)
		}
	}
	return m
}

// Press taps the inline button labelled text on m and waits until the bot
// answered the press, which it does after handling it.
func Press(t testing.TB, u *telegramtest.User, m *telegramtest.Message, text string) telegramtest.CallbackAnswer {
	t.Helper()
	data := m.CallbackData(text)
	if data == "" {
		t.Fatalf("message %q has no button %q (buttons %v)", m.Plain, text, m.Buttons())
	}
	_, qid := u.Press(m, data)
	return u.Server().WaitCallbackAnswered(qid)
}

// Register walks u through /daftar with valid answers up to the summary and
// returns it.
func Register(t testing.TB, u *telegramtest.User, name, pilar, kec, kel, nik string) *telegramtest.Message {
	t.Helper()
	u.SendCommand("/daftar")
	Expect(t, u, "nama lengkap")
	u.SendText(name)
	Expect(t, u, "jenis pilar")
	u.SendText(pilar)
	Expect(t, u, "kecamatan")
	u.SendText(kec)
	Expect(t, u, "kelurahan")
	u.SendText(kel)
	Expect(t, u, "nomor HP")
	u.SendContact("62812345678"+nik[14:], true)
	Expect(t, u, "NIK")
	u.SendText(nik)
	return Expect(t, u, "Periksa data pendaftaran", "Apakah data sudah benar?")
}

// RegisterAndSave registers u completely and returns the stored volunteer.
func RegisterAndSave(t testing.TB, h *Harness, u *telegramtest.User, name, nik string) *storage.Volunteer {
	t.Helper()
	sum := Register(t, u, name, "PSM", "Panggungrejo", "Mayangan", nik)
	Press(t, u, sum, "✅ Simpan")
	ExpectEdited(t, u, sum, "menunggu verifikasi")
	v, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil {
		t.Fatalf("volunteer %d not stored: %v", u.ID, err)
	}
	return v
}

// NIK returns a distinct valid NIK for n (a man born 1 January 1990).
func NIK(n int) string {
	s := "3575040101900000"
	serial := []byte(s[12:])
	for i := 3; i >= 0 && n > 0; i-- {
		serial[i] = byte('0' + n%10)
		n /= 10
	}
	return s[:12] + string(serial)
}

// Step is one exchange of a flow: a fragment of the question the bot asks,
// then what the user types back.
type Step [2]string

// Walk answers a flow's questions in turn, checking each question.
func Walk(t testing.TB, u *telegramtest.User, steps ...Step) {
	t.Helper()
	for _, s := range steps {
		Expect(t, u, s[0])
		u.SendText(s[1])
	}
}

// ExpectParts waits for the messages of a text too long for one: it reads
// u's next messages until what they show together contains every want, and
// returns them. A want may not straddle two messages.
func ExpectParts(t testing.TB, u *telegramtest.User, want ...string) []*telegramtest.Message {
	t.Helper()
	var got []*telegramtest.Message
	for {
		got = append(got, u.WaitNext())
		var all strings.Builder
		for _, m := range got {
			all.WriteString(m.Plain + "\n")
		}
		missing := false
		for _, w := range want {
			missing = missing || !strings.Contains(all.String(), w)
		}
		if !missing {
			return got
		}
	}
}

// ToReportPhotos walks u, a verified PSM of Mayangan, through /lapor as a
// "Penyuluhan" (no PMKS questions, no pin) up to the photo question.
func ToReportPhotos(t testing.TB, u *telegramtest.User, uraian string) {
	t.Helper()
	u.SendCommand("/lapor")
	Walk(t, u,
		Step{"jenis kegiatan", "Penyuluhan"},
		Step{"tanggal", "Hari ini"},
		Step{"kelurahan", "Mayangan"},
		Step{"titik lokasi", "Lewati"},
		Step{"apa yang dilakukan", uraian})
	Expect(t, u, "foto kegiatan")
}

// ExpectEdited waits until the bot's message m shows every want and
// returns it then. The bot answers a press on a flow's summary by editing
// the summary (into the receipt, the cancel notice, the summary with a
// problem), not with a new message.
func ExpectEdited(t testing.TB, u *telegramtest.User, m *telegramtest.Message, want ...string) *telegramtest.Message {
	t.Helper()
	return u.WaitMessage(m.ID, fmt.Sprintf("edited to show %q", want), func(cur *telegramtest.Message) bool {
		for _, w := range want {
			if !strings.Contains(cur.Plain, w) {
				return false
			}
		}
		return true
	})
}

// ExpectSummary waits for a flow's summary, checks that what it shows
// contains every want and returns the message that carries its buttons.
// When the last question left a reply keyboard the summary comes in two
// messages, the answers (removing the keyboard) and then the confirm
// prompt with the buttons; the message returned is then the second, with
// Plain holding what both show, so that tests read the whole summary.
func ExpectSummary(t testing.TB, u *telegramtest.User, want ...string) *telegramtest.Message {
	t.Helper()
	m := u.WaitNext()
	if m.Buttons() == nil {
		answers := m.Plain
		m = u.WaitNext()
		m.Plain = answers + "\n\n" + m.Plain
	}
	for _, w := range want {
		if !strings.Contains(m.Plain, w) {
			t.Fatalf("chat %d: summary %q does not contain %q", u.ID, m.Plain, w)
		}
	}
	return m
}

// PickField presses field on m, a summary's "Ubah" menu, and returns the
// field's question: m itself, edited into it, when the question needs no
// reply keyboard, otherwise the next message.
func PickField(t testing.TB, u *telegramtest.User, m *telegramtest.Message, field string, want ...string) *telegramtest.Message {
	t.Helper()
	Press(t, u, m, field)
	if cur := u.Message(m.ID); cur != nil && cur.Buttons() == nil && containsAll(cur.Plain, want) {
		return cur
	}
	return Expect(t, u, want...)
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
