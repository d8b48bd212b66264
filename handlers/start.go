package handlers

import (
	"context"
	"fmt"
	"html"
	"strings"

	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// start greets the user and says what to do next: register, wait for
// verification, or fix a rejected registration. Coordinators and admins,
// who need not register, also hear their role and how many registrations
// wait for /verifikasi. It takes away any keyboard a flow left behind.
func (h *Handlers) start(ctx context.Context, r *Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	role, err := h.RoleOf(ctx, r)
	if err != nil {
		return err
	}
	coord := kit.Allows(role, coordinator)
	var next string
	switch {
	case v == nil && coord:
		// Dinsos staff need not register as volunteers.
	case v == nil:
		next = msgStartRegister
	case v.Status == domain.StatusVerified:
		next = fmt.Sprintf(msgStartVerified, html.EscapeString(v.FullName))
	case v.Status == domain.StatusRejected:
		next = msgStartRejected
	default:
		next = msgStartPending
	}
	text := msgStartIntro
	if next != "" {
		text += "\n\n" + next
	}
	if coord {
		scope, err := h.ScopeOf(ctx, r)
		if err != nil {
			return err
		}
		n, err := h.Store.CountPendingVolunteers(ctx, scope)
		if err != nil {
			return err
		}
		text += "\n\n" + fmt.Sprintf(msgStartCoord, kit.RoleLabel(role), kit.FormatInt(n))
	}
	return h.ReplyRemoveKeyboard(ctx, r, text)
}

// bantuan lists the commands this user may run, from the routes table:
// everyone's first, then those of coordinators (and of admins, for an
// admin) under their own heading.
func (h *Handlers) bantuan(ctx context.Context, r *Request) error {
	role, err := h.RoleOf(ctx, r)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(msgHelpTitle + "\n")
	for _, c := range h.commandList() {
		if c.Role == anyone {
			b.WriteString("\n/" + c.Name + " – " + html.EscapeString(c.Description))
		}
	}
	if kit.Allows(role, coordinator) {
		b.WriteString("\n\n" + msgHelpCoordTitle + "\n")
		for _, c := range h.commandList() {
			if c.Role != anyone && kit.Allows(role, c.Role) {
				b.WriteString("\n/" + c.Name + " – " + html.EscapeString(c.Description))
			}
		}
	}
	b.WriteString("\n\n" + msgHelpFooter)
	return h.Reply(ctx, r, b.String())
}

// batal answers /batal outside a flow: there is nothing to cancel. Inside
// a flow route cancels it before any command runs.
func (h *Handlers) batal(ctx context.Context, r *Request) error {
	return h.ReplyRemoveKeyboard(ctx, r, msgNoFlow)
}
