package handlers

import (
	"fmt"
	"pilarbot/conversations"
	adminroom "pilarbot/handlers/admin" // "admin" is the role below
	"pilarbot/handlers/broadcast"
	"pilarbot/handlers/data"
	"pilarbot/handlers/events"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/reports"
	"pilarbot/handlers/siaga"
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
		{Name: "tinjau", Description: reports.CmdTinjau, Role: coordinator, Run: h.reports.Tinjau},
		{Name: "jadwal", Description: events.CmdJadwal, Role: anyone, Run: h.events.Jadwal},
		{Name: "acara", Description: events.CmdAcara, Role: coordinator, Run: h.events.Acara},
		{Name: "rekap", Description: data.CmdRekap, Role: coordinator, Run: h.data.Rekap},
		{Name: "ekspor", Description: data.CmdEkspor, Role: coordinator, Run: h.data.Ekspor},
		{Name: "cari", Description: data.CmdCari, Role: coordinator, Run: h.data.Cari},
		{Name: "koordinator", Description: adminroom.CmdKoordinator, Role: admin, Run: h.admin.Koordinator},
		{Name: "umumkan", Description: broadcast.CmdUmumkan, Role: coordinator, Run: h.broadcast.Umumkan},
		{Name: "siaga", Description: siaga.CmdSiaga, Role: coordinator, Run: h.siaga.Siaga},
	}
}

// callbackList maps each callback-data prefix (the part before the first
// ":") to its handler. The formats after the prefix are the rooms' own;
// they must stay readable by the next version, because buttons sit in
// volunteers' chats for months.
func (h *Handlers) callbackList() []kit.Callback {
	return []kit.Callback{
		{Prefix: conversations.CallbackPrefix, Role: anyone, Run: h.conversationButton},      // "cv": Simpan / Ubah / Batal of every flow
		{Prefix: volunteers.ProfilePrefix, Role: anyone, Run: h.volunteers.ProfileButton},    // "pf": "Ubah data" offer of /daftar
		{Prefix: volunteers.VerifyPrefix, Role: coordinator, Run: h.volunteers.VerifyButton}, // "vf": Setujui / Tolak of /verifikasi
		{Prefix: reports.ReviewPrefix, Role: coordinator, Run: h.reports.ReviewButton},       // "rv": Setujui / Perlu perbaikan / Tolak of a new report
		{Prefix: reports.RiwayatPrefix, Role: anyone, Run: h.reports.RiwayatButton},          // "rw": Sebelumnya / Berikutnya of /riwayat
		{Prefix: reports.TinjauPrefix, Role: coordinator, Run: h.reports.TinjauButton},       // "tj": Lewati and the reporter's record on a report card
		{Prefix: events.EventPrefix, Role: coordinator, Run: h.events.EventButton},           // "ev": coordinator's buttons of /acara
		{Prefix: events.JadwalPrefix, Role: anyone, Run: h.events.JadwalButton},              // "jd": paging, Hadir / Tidak hadir, check-in of /jadwal
		{Prefix: data.RekapPrefix, Role: coordinator, Run: h.data.RekapButton},               // "rk": month of /rekap
		{Prefix: data.ExportPrefix, Role: coordinator, Run: h.data.ExportButton},             // "ex": kind and option of /ekspor
		{Prefix: data.SearchPrefix, Role: coordinator, Run: h.data.SearchButton},             // "cr": a volunteer of a /cari result
		{Prefix: adminroom.KoordinatorPrefix, Role: admin, Run: h.admin.CoordinatorButton},   // "ko": add / remove of /koordinator
		{Prefix: volunteers.HapusPrefix, Role: anyone, Run: h.volunteers.HapusButton},        // "hd": Ya / Tidak of /hapusdata
		{Prefix: broadcast.UmumkanPrefix, Role: coordinator, Run: h.broadcast.UmumkanButton}, // "um": Kirim / Batal of /umumkan
		{Prefix: siaga.AnswerPrefix, Role: anyone, Run: h.siaga.AnswerButton},                // "sg": Siap berangkat / Tidak bisa / arrival of a call-up
		{Prefix: siaga.CoordPrefix, Role: coordinator, Run: h.siaga.CoordButton},             // "sk": Daftar siap / Kirim kabar / Tutup siaga of a tally
	}
}

// routes fills the lookup tables from the two lists. A name or prefix
// listed twice is a start-up error: the second would silently win.
func (h *Handlers) routes() error {
	h.commands = map[string]kit.Command{}
	for _, c := range h.commandList() {
		if _, dup := h.commands[c.Name]; dup {
			return fmt.Errorf("handlers: command /%s routed twice", c.Name)
		}
		h.commands[c.Name] = c
	}
	h.callbacks = map[string]kit.Callback{}
	for _, c := range h.callbackList() {
		if _, dup := h.callbacks[c.Prefix]; dup {
			return fmt.Errorf("handlers: callback prefix %q routed twice", c.Prefix)
		}
		h.callbacks[c.Prefix] = c
	}
	return nil
}
