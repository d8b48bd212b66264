package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"pilarbot/handlers/apptest"
)

func TestGroupGetsOneHint(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1009, "Budi")
	g := h.TG.NewGroup(-100123, "PSM Mayangan")
	g.SendText(u, "/start")
	m := g.WaitNext()
	if !strings.Contains(m.Plain, "chat pribadi") || !strings.Contains(m.Text, "https://t.me/") {
		t.Fatalf("group hint = %q", m.Text)
	}
	g.SendText(u, "/daftar")
	last := g.SendText(u, "halo semua")
	h.WaitHandled(last)
	if n := len(g.Messages()); n != 1 {
		t.Fatalf("the bot sent %d messages to the group, want 1", n)
	}
}

func TestUnknownInputGetsAHint(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1010, "Ani")
	u.SendText("halo")
	apptest.Expect(t, u, "/bantuan")
	u.SendCommand("/apaini")
	apptest.Expect(t, u, "tidak dikenal", "/bantuan")
	u.SendCommand("/bantuan")
	m := apptest.Expect(t, u, "/daftar", "/profil", "/batal")
	if strings.Contains(m.Plain, "/verifikasi") {
		t.Errorf("a volunteer's /bantuan lists coordinator commands")
	}
	h.Admin.SendCommand("/bantuan")
	apptest.Expect(t, h.Admin, "/verifikasi")

	if got := fmt.Sprint(h.TG.Commands("all_private_chats")); !strings.Contains(got, "daftar") || strings.Contains(got, "verifikasi") {
		t.Errorf("volunteer command menu = %s", got)
	}
	if got := fmt.Sprint(h.TG.Commands(fmt.Sprintf("chat:%d", apptest.AdminID))); !strings.Contains(got, "verifikasi") {
		t.Errorf("admin command menu = %s", got)
	}
}
