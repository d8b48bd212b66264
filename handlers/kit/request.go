package kit

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/cbdata"
	"pilarbot/conversations"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Request is one update as a handler sees it: a private message or a
// button press, with the sender's role and registration loaded at most
// once.
type Request struct {
	UpdateID int
	Message  *tgbotapi.Message       // nil for a button press
	Callback *tgbotapi.CallbackQuery // nil for a message
	From     *tgbotapi.User
	Chat     conversations.Chat
	Command  string // lower case, without "/" and "@bot"
	Args     string
	// Data is the parsed callback data of a button press.
	Data cbdata.Data

	role      domain.Role
	scope     storage.Scope
	volunteer *storage.Volunteer
	loadedVol bool
}

// Command is one slash command: its menu text and who may run it. The
// router checks Role before Run is called.
type Command struct {
	Name        string
	Description string      // Indonesian, for /bantuan and the Telegram menu
	Role        domain.Role // the least role that may run it
	Run         func(ctx context.Context, r *Request) error
}

// CallbackFunc handles a button press and returns the text for
// answerCallbackQuery ("" for none).
type CallbackFunc func(ctx context.Context, r *Request) (string, error)

// Callback is the handler of one callback-data prefix and the least role
// that may press it. Any client can send any callback data, so the router
// checks the role on every press, as it does for commands.
type Callback struct {
	Prefix string
	Role   domain.Role
	Run    CallbackFunc
}

// Allows reports whether a user of role have may use something meant for
// need: admins everything, coordinators the coordinators' and volunteers'.
func Allows(have, need domain.Role) bool {
	rank := func(r domain.Role) int {
		switch r {
		case domain.RoleAdmin:
			return 2
		case domain.RoleCoordinator:
			return 1
		}
		return 0
	}
	return rank(have) >= rank(need)
}
