package handlers

import "context"

// command is one slash command of the bot.
type command struct {
	name        string
	description string // Indonesian, for /bantuan and the Telegram menu
	coordinator bool   // only coordinators and admins may run it
	admin       bool   // only admins may run it
	run         func(ctx context.Context, r *Request) error
}

// callbackFunc handles a button press and returns the text for
// answerCallbackQuery ("" for none).
type callbackFunc func(ctx context.Context, r *Request) (string, error)

// callback is the handler of one callback-data prefix and who may press
// it. Any client can send any callback data, so the router checks the role
// on every press, as it does for commands.
type callback struct {
	run         callbackFunc
	coordinator bool // coordinators and admins only
	admin       bool // admins only
}

// commandList is the whole command surface of the bot, in menu order.
func (h *Handlers) commandList() []*command {
	return []*command{
		{name: "start", description: cmdStart, run: h.start},
		{name: "daftar", description: cmdDaftar, run: h.daftar},
		{name: "profil", description: cmdProfil, run: h.profil},
		{name: "bantuan", description: cmdBantuan, run: h.bantuan},
		{name: "batal", description: cmdBatal, run: h.batal},
		{name: "ubahprofil", description: cmdUbahProfil, run: h.ubahprofil},
		{name: "hapusdata", description: cmdHapusData, run: h.hapusdata},
		{name: "verifikasi", description: cmdVerifikasi, coordinator: true, run: h.verifikasi},
		{name: "lapor", description: cmdLapor, run: h.lapor},
		{name: "riwayat", description: cmdRiwayat, run: h.riwayat},
		{name: "laporan", description: cmdLaporan, coordinator: true, run: h.laporan},
		{name: "jadwal", description: cmdJadwal, run: h.jadwal},
		{name: "acara", description: cmdAcara, coordinator: true, run: h.acara},
		{name: "rekap", description: cmdRekap, coordinator: true, run: h.rekap},
		{name: "ekspor", description: cmdEkspor, coordinator: true, run: h.ekspor},
		{name: "cari", description: cmdCari, coordinator: true, run: h.cari},
		{name: "koordinator", description: cmdKoordinator, coordinator: true, admin: true, run: h.koordinator},
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
	h.callbacks = map[string]callback{
		"cv": {run: h.conversationButton},               // Simpan / Ubah / Batal of every flow
		"pf": {run: h.profileButton},                    // "Ubah data" offer of /daftar
		"vf": {run: h.verifyButton, coordinator: true},  // Setujui / Tolak of /verifikasi
		"rv": {run: h.reviewButton, coordinator: true},  // Setujui / Perlu perbaikan / Tolak of a new report
		"rw": {run: h.riwayatButton},                    // Sebelumnya / Berikutnya of /riwayat
		"ev": {run: h.eventButton, coordinator: true},   // coordinator's buttons of /acara
		"jd": {run: h.jadwalButton},                     // paging, Hadir / Tidak hadir, check-in of /jadwal
		"rk": {run: h.rekapButton, coordinator: true},   // month of /rekap
		"ex": {run: h.exportButton, coordinator: true},  // kind and option of /ekspor
		"cr": {run: h.searchButton, coordinator: true},  // a volunteer of a /cari result
		"ko": {run: h.coordinatorButton, admin: true},   // add / remove of /koordinator
		"hd": {run: h.hapusButton},                      // Ya / Tidak of /hapusdata
		"um": {run: h.umumkanButton, coordinator: true}, // Kirim / Batal of /umumkan
	}
}
