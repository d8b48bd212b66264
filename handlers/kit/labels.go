package kit

import "pilarbot/storage/domain"

// statusLabels and reportStatusLabels are what users read for the
// statuses of the domain.
var (
	statusLabels = map[domain.Status]string{
		domain.StatusPending: "Menunggu verifikasi", domain.StatusVerified: "Terverifikasi",
		domain.StatusRejected: "Ditolak", domain.StatusErased: "Data dihapus",
	}
	reportStatusLabels = map[domain.ReportStatus]string{
		domain.ReportSubmitted: "Menunggu tinjauan", domain.ReportApproved: "Disetujui",
		domain.ReportNeedsCorrection: "Perlu perbaikan", domain.ReportRejected: "Ditolak",
	}
)

// unknownLabel is shown for a status this version does not know.
const unknownLabel = "Tidak diketahui"

// StatusLabel is the Indonesian text users read for a registration status.
func StatusLabel(s domain.Status) string { return labelOr(statusLabels[s]) }

// ReportStatusLabel is the Indonesian text users read for a report status.
func ReportStatusLabel(s domain.ReportStatus) string { return labelOr(reportStatusLabels[s]) }

func labelOr(l string) string {
	if l == "" {
		return unknownLabel
	}
	return l
}

// RoleLabel is how a role is named to its holder.
func RoleLabel(r domain.Role) string {
	switch r {
	case domain.RoleAdmin:
		return "admin"
	case domain.RoleCoordinator:
		return "koordinator"
	}
	return "relawan"
}

// PilarShort is the everyday name of a pilar ("PSM"), or the code itself
// for an unknown one.
func PilarShort(code string) string {
	if p, ok := domain.PilarByCode(code); ok {
		return p.Short
	}
	return code
}

// PilarLong is the everyday name with the full one: "PSM (Pekerja Sosial
// Masyarakat)", or just the name when both are the same.
func PilarLong(code string) string {
	p, ok := domain.PilarByCode(code)
	if !ok {
		return code
	}
	if p.Short == p.Name {
		return p.Name
	}
	return p.Short + " (" + p.Name + ")"
}

// KelurahanName is the name of a kelurahan, or the code itself for an
// unknown one.
func KelurahanName(code string) string {
	if k, ok := domain.KelurahanByCode(code); ok {
		return k.Name
	}
	return code
}

// KelurahanLong is "Mayangan, Kec. Panggungrejo".
func KelurahanLong(code string) string {
	k, ok := domain.KelurahanByCode(code)
	if !ok {
		return code
	}
	kec, _ := domain.KecamatanByCode(k.KecamatanCode)
	return k.Name + ", Kec. " + kec.Name
}
