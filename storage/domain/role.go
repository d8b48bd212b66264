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

// Status is the verification state of a volunteer's registration, as
// stored in volunteers.status.
type Status string

// The verification states of a registration.
const (
	StatusPending  Status = "pending"
	StatusVerified Status = "verified"
	StatusRejected Status = "rejected"
	// StatusErased marks a registration whose personal data was erased at
	// the volunteer's request (/hapusdata); only statistics remain.
	StatusErased Status = "erased"
)

// ReportStatus is where an activity report stands in its review, as
// stored in reports.status. A report is submitted, then reviewed once by
// a coordinator.
type ReportStatus string

// The review states of a report.
const (
	ReportSubmitted       ReportStatus = "submitted"
	ReportApproved        ReportStatus = "approved"
	ReportNeedsCorrection ReportStatus = "needs_correction"
	ReportRejected        ReportStatus = "rejected"
)
