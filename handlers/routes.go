package handlers

import (
	"pilarbot/handlers/kit"
	"pilarbot/handlers/volunteers"
	"pilarbot/storage/domain"
)

// Who may use a command or press a button. The router checks it on every
// message and every press: any client can send any command or callback
// data, so no handler relies on a button having been shown.
const (
	anyone      domain.Role = ""
	coordinator             = domain.RoleCoordinator
	admin                   = domain.RoleAdmin
)

// commandList is the whole command surface of the bot, in menu order.
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
		{Name: "lapor", Description: cmdLapor, Role: anyone, Run: h.lapor},
		{Name: "riwayat", Description: cmdRiwayat, Role: anyone, Run: h.riwayat},
		{Name: "laporan", Description: cmdLaporan, Role: coordinator, Run: h.laporan},
		{Name: "jadwal", Description: cmdJadwal, Role: anyone, Run: h.jadwal},
		{Name: "acara", Description: cmdAcara, Role: coordinator, Run: h.acara},
		{Name: "rekap", Description: cmdRekap, Role: coordinator, Run: h.rekap},
		{Name: "ekspor", Description: cmdEkspor, Role: coordinator, Run: h.ekspor},
		{Name: "cari", Description: cmdCari, Role: coordinator, Run: h.cari},
		{Name: "koordinator", Description: cmdKoordinator, Role: admin, Run: h.koordinator},
		{Name: "umumkan", Description: cmdUmumkan, Role: coordinator, Run: h.umumkan},
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
		{Prefix: "rv", Role: coordinator, Run: h.reviewButton},            // Setujui / Perlu perbaikan / Tolak of a new report
		{Prefix: "rw", Role: anyone, Run: h.riwayatButton},                // Sebelumnya / Berikutnya of /riwayat
		{Prefix: "ev", Role: coordinator, Run: h.eventButton},             // coordinator's buttons of /acara
		{Prefix: "jd", Role: anyone, Run: h.jadwalButton},                 // paging, Hadir / Tidak hadir, check-in of /jadwal
		{Prefix: "rk", Role: coordinator, Run: h.rekapButton},             // month of /rekap
		{Prefix: "ex", Role: coordinator, Run: h.exportButton},            // kind and option of /ekspor
		{Prefix: "cr", Role: coordinator, Run: h.searchButton},            // a volunteer of a /cari result
		{Prefix: "ko", Role: admin, Run: h.coordinatorButton},             // add / remove of /koordinator
		{Prefix: "hd", Role: anyone, Run: h.volunteers.HapusButton},       // Ya / Tidak of /hapusdata
		{Prefix: "um", Role: coordinator, Run: h.umumkanButton},           // Kirim / Batal of /umumkan
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
