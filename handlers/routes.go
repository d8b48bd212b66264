package handlers

import (
	adminroom "pilarbot/handlers/admin" // "admin" is the role below
	"pilarbot/handlers/broadcast"
	"pilarbot/handlers/data"
	"pilarbot/handlers/events"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/reports"
	"pilarbot/handlers/volunteers"
	"pilarbot/storage/domain"
)

// Who may use a command or press a button, as the least role: admins may
// do all that coordinators may, coordinators all that anyone may. The
// router checks it on every message and every press before the handler
// runs, because any client can send any command or callback data; so the
// handlers neither rely on a button having been shown nor check the role
// again. A flow entered through a command keeps needing its role
// (conversations.Flow.Role, checked by the engine at every answer and
// press, and by the store when the decision commits), since a role can be
// taken away half-way.
const (
	anyone      domain.Role = ""
	coordinator             = domain.RoleCoordinator
	admin                   = domain.RoleAdmin
)

// commandList is the whole command surface of the bot, in menu order.
// /bantuan and the Telegram command menus are built from it, and every
// flow must enter through one of its commands.
func (h *Handlers) commandList() []kit.Command {
	return []kit.Command{
		{Name: "start", Description: cmdStart, Role: anyone, Run: h.start},
		{Name: "daftar", Description: volunteers.CmdDaftar, Role: anyone, Run: h.volunteers.Daftar},
		{Name: "profil", Description: volunteers.CmdProfil, Role: anyone, Run: h.volunteers.Profil},
		{Name: "bantuan", Description: cmdBantuan, Role: anyone, Run: h.bantuan},
		{Name: "batal", Description: cmdBatal, Role: anyone, Run: h.batal},
		{Name: "ubahprofil", Description: volunteers.CmdUbahProfil, Role: anyone, Run: h.volunteers.UbahProfil},
		{Name: "hapusdata", Description: volunteers.CmdHapusData, Role: anyone, Run: h.volunteers.HapusData},
		{Name: "verifikasi", Description: volunteers.CmdVerifikasi, Role: coordinator, Run: h.volunteers.Verifikasi},
		{Name: "lapor", Description: reports.CmdLapor, Role: anyone, Run: h.reports.Lapor},
		{Name: "riwayat", Description: reports.CmdRiwayat, Role: anyone, Run: h.reports.Riwayat},
		{Name: "laporan", Description: reports.CmdLaporan, Role: coordinator, Run: h.reports.Laporan},
		{Name: "jadwal", Description: events.CmdJadwal, Role: anyone, Run: h.events.Jadwal},
		{Name: "acara", Description: events.CmdAcara, Role: coordinator, Run: h.events.Acara},
		{Name: "rekap", Description: data.CmdRekap, Role: coordinator, Run: h.data.Rekap},
		{Name: "ekspor", Description: data.CmdEkspor, Role: coordinator, Run: h.data.Ekspor},
		{Name: "cari", Description: data.CmdCari, Role: coordinator, Run: h.data.Cari},
		{Name: "koordinator", Description: adminroom.CmdKoordinator, Role: admin, Run: h.admin.Koordinator},
		{Name: "umumkan", Description: broadcast.CmdUmumkan, Role: coordinator, Run: h.broadcast.Umumkan},
	}
}

// callbackList maps each callback-data prefix (the part before the first
// ":") to its handler. The formats after the prefix are the rooms' own;
// they must stay readable by the next version, because buttons sit in
// volunteers' chats for months.
func (h *Handlers) callbackList() []kit.Callback {
	return []kit.Callback{
		{Prefix: "cv", Role: anyone, Run: h.conversationButton},           // Simpan / Ubah / Batal of every flow
		{Prefix: "pf", Role: anyone, Run: h.volunteers.ProfileButton},     // "Ubah data" offer of /daftar
		{Prefix: "vf", Role: coordinator, Run: h.volunteers.VerifyButton}, // Setujui / Tolak of /verifikasi
		{Prefix: "rv", Role: coordinator, Run: h.reports.ReviewButton},    // Setujui / Perlu perbaikan / Tolak of a new report
		{Prefix: "rw", Role: anyone, Run: h.reports.RiwayatButton},        // Sebelumnya / Berikutnya of /riwayat
		{Prefix: "ev", Role: coordinator, Run: h.events.EventButton},      // coordinator's buttons of /acara
		{Prefix: "jd", Role: anyone, Run: h.events.JadwalButton},          // paging, Hadir / Tidak hadir, check-in of /jadwal
		{Prefix: "rk", Role: coordinator, Run: h.data.RekapButton},        // month of /rekap
		{Prefix: "ex", Role: coordinator, Run: h.data.ExportButton},       // kind and option of /ekspor
		{Prefix: "cr", Role: coordinator, Run: h.data.SearchButton},       // a volunteer of a /cari result
		{Prefix: "ko", Role: admin, Run: h.admin.CoordinatorButton},       // add / remove of /koordinator
		{Prefix: "hd", Role: anyone, Run: h.volunteers.HapusButton},       // Ya / Tidak of /hapusdata
		{Prefix: "um", Role: coordinator, Run: h.broadcast.UmumkanButton}, // Kirim / Batal of /umumkan
	}
}

// routes fills the lookup tables from the two lists.
func (h *Handlers) routes() {
	h.commands = map[string]kit.Command{}
	for _, c := range h.commandList() {
		h.commands[c.Name] = c
	}
	h.callbacks = map[string]kit.Callback{}
	for _, c := range h.callbackList() {
		h.callbacks[c.Prefix] = c
	}
}
