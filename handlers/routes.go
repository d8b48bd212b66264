package handlers

import "context"

// command is one slash command of the bot.
type command struct {
	name        string
	description string // Indonesian, for /bantuan and the Telegram menu
	coordinator bool   // only coordinators and admins may run it
	run         func(ctx context.Context, r *Request) error
}

// callbackFunc handles a button press and returns the text for
// answerCallbackQuery ("" for none).
type callbackFunc func(ctx context.Context, r *Request) (string, error)

// commandList is the whole command surface of the bot, in menu order.
func (h *Handlers) commandList() []*command {
	return []*command{
		{name: "start", description: cmdStart, run: h.start},
		{name: "daftar", description: cmdDaftar, run: h.daftar},
		{name: "profil", description: cmdProfil, run: h.profil},
		{name: "bantuan", description: cmdBantuan, run: h.bantuan},
		{name: "batal", description: cmdBatal, run: h.batal},
		{name: "verifikasi", description: cmdVerifikasi, coordinator: true, run: h.verifikasi},
		{name: "umumkan", description: cmdUmumkan, coordinator: true, run: h.umumkan},
	}
}

// routes fills the command and callback tables. Callback data is
// "<prefix>:<rest>"; each handler checks authorization itself because a
// callback can be forged by any client.
func (h *Handlers) routes() {
	h.commands = map[string]*command{}
	for _, c := range h.commandList() {
		h.commands[c.name] = c
	}
	h.callbacks = map[string]callbackFunc{
		"cv": h.conversationButton, // Simpan / Ubah / Batal of every flow
		"pf": h.profileButton,      // "Ubah data" offer of /daftar
		"vf": h.verifyButton,       // Setujui / Tolak of /verifikasi
		"um": h.umumkanButton,      // Kirim / Batal of /umumkan
	}
}
