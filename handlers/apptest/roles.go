package apptest

import (
	"context"
	"fmt"
	"testing"

	"pilarbot/bot/telegramtest"
)

// A Demotion takes the coordinator role away from c in the middle of a
// test, in one of the two ways it can happen.
type Demotion struct {
	Name string
	// Remove takes the role away.
	Remove func(t testing.TB, h *Harness, c *telegramtest.User)
	// ByAdmin says whether the bot was told: then c's open flow has ended
	// with a message and an answer typed after it belongs to no flow.
	ByAdmin bool
}

// Demotions are the ways a coordinator loses the role: removed by the
// admin through /koordinator, or straight in the store, as a removal that
// lands while the coordinator's next answer is on its way would look to
// the bot. Role tests run once for each.
var Demotions = []Demotion{
	{Name: "by the admin", Remove: RemoveCoordinator, ByAdmin: true},
	{Name: "in the store", Remove: RemoveInStore},
}

// EachDemotion runs test once for each of Demotions, in parallel, each
// with a bot of its own.
func EachDemotion(t *testing.T, test func(t *testing.T, h *Harness, d Demotion)) {
	t.Helper()
	for _, d := range Demotions {
		t.Run(d.Name, func(t *testing.T) {
			t.Parallel()
			test(t, New(t), d)
		})
	}
}

// RemoveCoordinator has the admin remove c with "/koordinator hapus" and
// its confirmation, and waits for the admin's answer, which the question
// is edited into.
func RemoveCoordinator(t testing.TB, h *Harness, c *telegramtest.User) {
	t.Helper()
	h.Admin.SendCommand(fmt.Sprintf("/koordinator hapus %d", c.ID))
	ask := Expect(t, h.Admin, "dari daftar koordinator?")
	Press(t, h.Admin, ask, "Ya, hapus")
	ExpectEdited(t, h.Admin, ask, "sudah dihapus")
}

// RemoveInStore removes c from the coordinators in the store alone; the
// bot hears nothing of it.
func RemoveInStore(t testing.TB, h *Harness, c *telegramtest.User) {
	t.Helper()
	if err := h.Store.RemoveCoordinator(context.Background(), c.ID, AdminID); err != nil {
		t.Fatalf("remove coordinator %d: %v", c.ID, err)
	}
}

// Apply takes the role away from c while c is in the flow titled
// flowTitle; removed by the admin, c is told that the flow ended.
func (d Demotion) Apply(t testing.TB, h *Harness, c *telegramtest.User, flowTitle string) {
	t.Helper()
	d.Remove(t, h, c)
	if d.ByAdmin {
		Expect(t, c, "tidak lagi menjadi koordinator", flowTitle, "dihentikan")
	}
}

// ExpectTypedRefused waits for the answer to what c typed into the flow
// after Apply: the hint for text outside any flow when the flow has
// ended, otherwise the refusal naming the flow.
func (d Demotion) ExpectTypedRefused(t testing.TB, c *telegramtest.User, flowTitle string) {
	t.Helper()
	if d.ByAdmin {
		Expect(t, c, "belum mengerti")
		return
	}
	Expect(t, c, "tidak lagi menjadi koordinator", flowTitle, "tidak disimpan")
}
