// Package volunteers is who the bot's volunteers are: registration by
// /daftar (and changing the data later by "Ubah data" or /ubahprofil), the
// volunteer's own /profil, verification of new registrations by the Dinas
// Sosial coordinators with /verifikasi, the notices that tell coordinators
// a registration is waiting, and /hapusdata, by which a volunteer erases
// their personal data.
package volunteers

import (
	"context"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
)

// The flows' names and answer keys are stored with every conversation in
// Redis: a flow in progress during an upgrade must keep working, so they
// never change.
const (
	flowDaftar = "daftar"
	flowTolak  = "tolak"

	keyNama      = "nama"
	keyPilar     = "pilar"
	keyKecamatan = "kecamatan"
	keyKelurahan = "kelurahan"
	keyHP        = "hp"
	keyNIK       = "nik"
	keyMode      = "_mode"     // "update" when changing an existing profile
	keyOldPilar  = "_oldpilar" // pilar before the change
	keyID        = "_id"       // the volunteer's row id when changing a profile
	keyOldStatus = "_oldstatus"
	keyUsername  = "_username" // Telegram @username, kept for coordinators

	keyReason    = "alasan"
	keyVolID     = "_vid"
	keyCardMsg   = "_card"
	keyCoordName = "_coord"
)

// Room answers the registration, verification and erasure commands and
// buttons. It has no settings of its own: the age limits and the notice
// window are rules of the domain, not configuration.
type Room struct {
	*kit.Env
	deps Deps
}

// Deps is what the room needs from outside the rooms.
type Deps struct {
	// PurgeInbox removes a user's received updates that are not handled
	// yet (they may hold a typed NIK); /hapusdata calls it.
	PurgeInbox func(ctx context.Context, userID int64) (int, error)
}

// New makes the room in env.
func New(env *kit.Env, deps Deps) *Room {
	return &Room{Env: env, deps: deps}
}

// Flows are the room's conversations, registered by handlers.New:
// registration (and profile change) and the reason of a rejection.
func (h *Room) Flows() []*conversations.Flow {
	return []*conversations.Flow{h.daftarFlow(), h.tolakFlow()}
}

// action is the verb of a button that carries nothing else ("pf:edit",
// "hd:yes"), or "" for data no such button carries.
func action(r *kit.Request) string {
	if r.Data.Len() != 1 {
		return ""
	}
	return r.Data.Action()
}

// The callback-data prefixes of the room's buttons, routed in
// handlers/routes.go. They are on the wire: buttons sit in chats for
// months, so they never change.
const (
	ProfilePrefix = "pf" // the "Ubah data" offer of /daftar
	VerifyPrefix  = "vf" // Setujui / Tolak of /verifikasi
	HapusPrefix   = "hd" // Ya / Tidak of /hapusdata
)
