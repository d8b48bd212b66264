package handlers

import (
	"context"
	"fmt"
	"html"
	"strings"

	"pilarbot/conversations"
	"pilarbot/handlers/domain"
)

// start greets the user and says what to do next.
func (h *Handlers) start(ctx context.Context, r *Request) error {
	v, err := h.volunteerOf(ctx, r)
	if err != nil {
		return err
	}
	coord, err := h.isCoordinator(ctx, r)
	if err != nil {
		return err
	}
	var next string
	switch {
	case v == nil && coord:
		// Dinsos staff need not register as volunteers.
	case v == nil:
		next = msgStartRegister
	case v.Status == string(domain.StatusVerified):
		next = fmt.Sprintf(msgStartVerified, html.EscapeString(v.FullName))
	case v.Status == string(domain.StatusRejected):
		next = msgStartRejected
	default:
		next = msgStartPending
	}
	text := msgStartIntro
	if next != "" {
		text += "\n\n" + next
	}
	if coord {
		n, err := h.store.CountPendingVolunteers(ctx)
		if err != nil {
			return err
		}
		text += "\n\n" + fmt.Sprintf(msgStartCoord, roleLabel(r.role), domain.FormatInt(n))
	}
	return h.replyRemoveKeyboard(ctx, r, text)
}

// bantuan lists the commands this user may run.
func (h *Handlers) bantuan(ctx context.Context, r *Request) error {
	coord, err := h.isCoordinator(ctx, r)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(msgHelpTitle + "\n")
	for _, c := range h.commandList() {
		if !c.coordinator {
			b.WriteString("\n/" + c.name + " – " + html.EscapeString(c.description))
		}
	}
	if coord {
		b.WriteString("\n\n" + msgHelpCoordTitle + "\n")
		for _, c := range h.commandList() {
			if c.coordinator && (!c.admin || h.admins[r.From.ID]) {
				b.WriteString("\n/" + c.name + " – " + html.EscapeString(c.description))
			}
		}
	}
	b.WriteString("\n\n" + msgHelpFooter)
	return h.reply(ctx, r, b.String())
}

// batal outside a flow: nothing to cancel (route handles it inside one).
func (h *Handlers) batal(ctx context.Context, r *Request) error {
	return h.replyRemoveKeyboard(ctx, r, msgNoFlow)
}

func roleLabel(r domain.Role) string {
	switch r {
	case domain.RoleAdmin:
		return "admin"
	case domain.RoleCoordinator:
		return "koordinator"
	}
	return "relawan"
}

// chatOf is the conversation address of a request.
func chatOf(r *Request) conversations.Chat { return r.Chat }
