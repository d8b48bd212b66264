package handlers

import (
	"pilarbot/handlers/events"
	"pilarbot/handlers/kit"
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
		{Name: "daftar", Description: cmdDaftar, Role: anyone, Run: h.daftar},
		{Name: "profil", Description: cmdProfil, Role: anyone, Run: h.profil},
		{Name: "bantuan", Description: cmdBantuan, Role: anyone, Run: h.bantuan},
		{Name: "batal", Description: cmdBatal, Role: anyone, Run: h.batal},
		{Name: "ubahprofil", Description: cmdUbahProfil, Role: anyone, Run: h.ubahprofil},
		{Name: "hapusdata", Description: cmdHapusData, Role: anyone, Run: h.hapusdata},
		{Name: "verifikasi", Description: cmdVerifikasi, Role: coordinator, Run: h.verifikasi},
		{Name: "lapor", Description: cmdLapor, Role: anyone, Run: h.lapor},
		{Name: "riwayat", Description: cmdRiwayat, Role: anyone, Run: h.riwayat},
		{Name: "laporan", Description: cmdLaporan, Role: coordinator, Run: h.laporan},
		{Name: "jadwal", Description: events.CmdJadwal, Role: anyone, Run: h.events.Jadwal},
		{Name: "acara", Description: events.CmdAcara, Role: coordinator, Run: h.events.Acara},
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
		{Prefix: "cv", Role: anyone, Run: h.conversationButton},      // Simpan / Ubah / Batal of every flow
		{Prefix: "pf", Role: anyone, Run: h.profileButton},           // "Ubah data" offer of /daftar
		{Prefix: "vf", Role: coordinator, Run: h.verifyButton},       // Setujui / Tolak of /verifikasi
		{Prefix: "rv", Role: coordinator, Run: h.reviewButton},       // Setujui / Perlu perbaikan / Tolak of a new report
		{Prefix: "rw", Role: anyone, Run: h.riwayatButton},           // Sebelumnya / Berikutnya of /riwayat
		{Prefix: "ev", Role: coordinator, Run: h.events.EventButton}, // coordinator's buttons of /acara
		{Prefix: "jd", Role: anyone, Run: h.events.JadwalButton},     // paging, Hadir / Tidak hadir, check-in of /jadwal
		{Prefix: "rk", Role: coordinator, Run: h.rekapButton},        // month of /rekap
		{Prefix: "ex", Role: coordinator, Run: h.exportButton},       // kind and option of /ekspor
		{Prefix: "cr", Role: coordinator, Run: h.searchButton},       // a volunteer of a /cari result
		{Prefix: "ko", Role: admin, Run: h.coordinatorButton},        // add / remove of /koordinator
		{Prefix: "hd", Role: anyone, Run: h.hapusButton},             // Ya / Tidak of /hapusdata
		{Prefix: "um", Role: coordinator, Run: h.umumkanButton},      // Kirim / Batal of /umumkan
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
