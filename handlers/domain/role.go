package domain

// Role is what a Telegram user may do in the bot.
type Role string

// The roles of the bot.
const (
	// RoleVolunteer is a registered pilar sosial (relawan).
	RoleVolunteer Role = "relawan"
	// RoleCoordinator is Dinsos staff who verify volunteers, create events,
	// broadcast notices and read reports.
	RoleCoordinator Role = "koordinator"
	// RoleAdmin appoints coordinators; bootstrapped from configuration.
	RoleAdmin Role = "admin"
)

// Status is the verification state of a volunteer's registration.
type Status string

// The verification states of a registration.
const (
	StatusPending  Status = "pending"
	StatusVerified Status = "verified"
	StatusRejected Status = "rejected"
)

// Label returns the Indonesian text shown to users for s.
func (s Status) Label() string {
	switch s {
	case StatusPending:
		return "Menunggu verifikasi"
	case StatusVerified:
		return "Terverifikasi"
	case StatusRejected:
		return "Ditolak"
	case StatusErased:
		return "Data dihapus"
	default:
		return "Tidak diketahui"
	}
}

// StatusErased marks a registration whose personal data was erased at the
// volunteer's request (/hapusdata); only statistics remain.
const StatusErased Status = "erased"
