package app_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pilarbot/handlers/app"
	"pilarbot/storage"
)

// updateScreenshot writes the screenshot of the registration test into
// the repository, where the README shows it:
//
//	go test -run TestPlaygroundRegistration ./handlers/app/ -args -update-screenshot
var updateScreenshot = flag.Bool("update-screenshot", false, "write screenshots/playground.png")

// TestPlaygroundRegistration drives the playground page in a real
// browser: a new volunteer registers through /daftar by typing and
// tapping (the contact button included), the admin approves in the other
// pane, and the approval arrives in the volunteer's pane.
func TestPlaygroundRegistration(t *testing.T) {
	url := startPlayground(t, nil)
	checkPlaygroundOps(t, url)
	p := &page{t: t, ctx: newBrowser(t, 60*time.Second)}
	p.run("open the page", chromedp.Navigate(url),
		chromedp.WaitVisible(`//section[@id='pane-left']//div[@class='pane-title' and .='Admin Dinsos']`))

	p.run("create a volunteer",
		chromedp.SendKeys(chromedp.CSS(`#new-name`), "Siti Aminah"),
		chromedp.SendKeys(chromedp.CSS(`#new-phone`), "0812-3456-7890"),
		chromedp.Click(chromedp.CSS(`#new-submit`)),
		chromedp.WaitVisible(`//section[@id='pane-right']//div[@class='pane-title' and .='Siti Aminah']`))

	p.typeText("right", "/daftar")
	p.waitFor("right", "nama lengkap")
	p.typeText("right", "Siti Aminah")
	p.waitFor("right", "jenis pilar")
	p.tapKey("right", "PSM")
	p.waitFor("right", "kecamatan")
	p.tapKey("right", "Panggungrejo")
	p.waitFor("right", "kelurahan")
	p.tapKey("right", "Mayangan")
	p.waitFor("right", "nomor HP")
	p.tapKey("right", "📱 Bagikan nomor")
	p.waitFor("right", "NIK")
	p.typeText("right", "3575044101900001")
	p.waitFor("right", "Periksa data pendaftaran")
	bold, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#pane-right .messages b')].map(b => b.textContent).join('|')`))
	if err != nil || !strings.Contains(bold, "Siti Aminah") {
		t.Errorf("the bot's <b> is not drawn bold: %q, %v", bold, err)
	}
	p.tapInline("right", "Periksa data pendaftaran", "✅ Simpan")
	p.waitFor("right", "menunggu verifikasi")

	// The admin, in the left pane, has been told of the registration.
	p.waitFor("left", "Siti Aminah")
	p.typeText("left", "/verifikasi")
	p.waitFor("left", "+62812*****890")
	p.tapInline("left", "+62812*****890", "✅ Setujui")
	p.run("see the callback answer as a toast", chromedp.WaitVisible(`//section[@id='pane-left']//div[@class='toast' and .='Disetujui.']`))
	p.waitFor("left", "Disetujui oleh")
	p.waitFor("right", "sudah disetujui")

	shot, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dest := filepath.Join(t.TempDir(), "playground.png")
	if *updateScreenshot {
		dest = filepath.Join("screenshots", "playground.png")
	}
	if err := os.WriteFile(dest, shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPlaygroundBroadcast sends an /umumkan from the admin's pane to all
// volunteers and finds it in the panes of two of them. The message is
// typed with markup characters, which must show as typed.
func TestPlaygroundBroadcast(t *testing.T) {
	url := startPlayground(t, func(s *storage.Store) {
		for i, name := range []string{"Bambang Suryanto", "Rina Wulandari"} {
			ctx := context.Background()
			v := &storage.Volunteer{TelegramID: int64(3001 + i), ChatID: int64(3001 + i), FullName: name,
				Pilar: "psm", KelurahanCode: "35.75.04.1006"}
			if err := s.CreateVolunteer(ctx, v); err != nil {
				t.Fatal(err)
			}
			if _, err := s.DecideVolunteer(ctx, v.ID, storage.Actor{ID: app.PlaygroundAdminID, Admin: true}, true, ""); err != nil {
				t.Fatal(err)
			}
		}
	})
	p := &page{t: t, ctx: newBrowser(t, 60*time.Second)}
	p.run("open the page", chromedp.Navigate(url),
		chromedp.WaitVisible(`//section[@id='pane-left']//div[@class='pane-title' and .='Admin Dinsos']`))

	const notice = "Rapat pilar <b>besok</b> pukul 09.00 & bawa KTP"
	p.typeText("left", "/umumkan")
	p.waitFor("left", "Kepada siapa")
	p.tapKey("left", "Semua relawan")
	p.waitFor("left", "Tulis isi pengumuman")
	p.typeText("left", notice)
	p.waitFor("left", "Kirim pengumuman?")
	p.tapInline("left", "Kirim pengumuman?", "📢 Kirim")
	p.waitFor("left", "Laporan pengumuman")

	p.open("left", "Bambang Suryanto")
	p.open("right", "Rina Wulandari")
	p.waitFor("left", notice)
	p.waitFor("right", notice)
	bold, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](`document.querySelectorAll('#pane-right .messages b').length`))
	if err != nil || bold != 0 {
		t.Errorf("the typed <b> became markup in the volunteer's pane (%d bold elements, %v)", bold, err)
	}
}
