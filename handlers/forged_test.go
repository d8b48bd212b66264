package handlers_test

import (
	"strings"
	"testing"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// hostileNumbers are what a modified client may put where a button carries
// a page or an id: negative, zero, past int64 (1844674407370955162 × 5
// wraps a 64-bit offset negative), signs, leading zeros, exponents.
var hostileNumbers = []string{
	"-1", "0", "1844674407370955162", "9223372036854775807", "-9223372036854775808",
	"99999999999999999999", "2147483648", "4294967296", "007", "+5", "1e9", "0x10", "",
}

// forgedForms are the callback data of every button with a number in it,
// "%s" where the number goes.
var forgedForms = map[string][]string{
	"volunteer": {"rw:%s", "jd:p:%s", "jd:y:%s:0", "jd:n:1:%s", "jd:ci:%s", "cv:%s:f:%s", "hd:%s", "pf:%s"},
	"admin": {"rw:%s", "rv:ok:%s", "rv:fix:%s", "rv:no:%s", "vf:ok:%s:x", "vf:no:%s:x", "ev:e:%s", "ev:a:%s",
		"ev:cy:%s", "ev:u:%s", "cr:%s", "ex:kehadiran:%s", "rk:%s", "ko:rm:%s", "ko:rmy:%s", "ko:sc:%s", "um:go:%s", "um:no:%s",
		"tj:skip:%s", "tj:rec:%s"},
}

// TestForgedNumbersInCallbackData: a forged page or id in any button is
// answered (the button is stale, or the nearest real page is shown), never
// with the "sistem sedang gangguan" alert of a failed query, and the bot
// keeps working.
func TestForgedNumbersInCallbackData(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	vu := h.TG.NewUser(4901, "Nur")
	v := apptest.SeedVerified(t, h, vu, "Nur Hidayah", "psm", apptest.KelMayangan, 91)
	for i := range 7 {
		apptest.SeedReport(t, h, v, apptest.At(2023, 12, 1+i, 9, 0), storage.Report{Activity: "penyuluhan",
			ActivityDate: apptest.At(2023, 12, 1+i, 0, 0), KelurahanCode: apptest.KelMayangan}, domain.ReportSubmitted, 0)
	}
	apptest.StoreEvent(t, h, "Bimtek PSM", apptest.EightOClock(h, 3), nil, nil, nil, false)
	vu.SendCommand("/riwayat")
	riwayat := apptest.Expect(t, vu, "halaman 1 dari 2")
	h.Admin.SendCommand("/start")
	start := apptest.Expect(t, h.Admin, "Selamat datang")

	press := func(u *telegramtest.User, msgID int, data string) {
		t.Helper()
		_, q := u.PressForged(msgID, data)
		a := h.TG.WaitCallbackAnswered(q)
		if a.ShowAlert || strings.Contains(a.Text, "gangguan") {
			t.Errorf("forged %q answered with the alert %q", data, a.Text)
		}
	}
	for who, forms := range forgedForms {
		u, msgID := vu, riwayat.ID
		if who == "admin" {
			u, msgID = h.Admin, start.ID
		}
		for _, form := range forms {
			for _, n := range hostileNumbers {
				press(u, msgID, strings.ReplaceAll(form, "%s", n))
			}
		}
	}
	// The largest page there is shows the last page, by editing.
	press(vu, riwayat.ID, "rw:2147483647")
	vu.WaitMessage(riwayat.ID, "on its last page", func(m *telegramtest.Message) bool {
		return strings.Contains(m.Plain, "halaman 2 dari 2")
	})
	for _, m := range append(vu.Messages(), h.Admin.Messages()...) {
		if strings.Contains(m.Plain, kit.MsgSystemDown) {
			t.Errorf("a forged press made the bot say %q", m.Plain)
		}
	}
	vu.SendCommand("/bantuan")
	apptest.Expect(t, vu, "/riwayat")
	if t.Failed() {
		t.Logf("calls: %+v", h.TG.Stats().Methods)
	}
}
