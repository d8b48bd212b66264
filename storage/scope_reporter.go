package storage

// reporterIn returns the SQL condition that the reporter of the report
// of table alias r (r.volunteer_id) lies inside g, with its parameters
// appended to args. For the whole city it is true, so a city-wide count
// reads the reports alone and never joins the volunteers; otherwise it
// starts from the scope's volunteers (volunteers_kecamatan_idx,
// volunteers_kelurahan_idx) and reaches their reports by index. It is
// where's rule, so Covers still agrees with it.
func (g Segment) reporterIn(r string, args *[]any) string {
	if g.CityWide() {
		return "true"
	}
	return r + `.volunteer_id IN (SELECT v.id FROM volunteers v WHERE ` + g.where("v", args) + `)`
}
