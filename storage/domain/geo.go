package domain

import "math"

// earthRadiusM is the mean radius of the Earth in metres.
const earthRadiusM = 6371008.8

// DistanceMeters returns the great-circle (haversine) distance in metres
// between two points given in degrees.
func DistanceMeters(lat1, lon1, lat2, lon2 float64) float64 {
	rad := func(d float64) float64 { return d * math.Pi / 180 }
	dLat := rad(lat2 - lat1)
	dLon := rad(lon2 - lon1)
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(rad(lat1))*math.Cos(rad(lat2))*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusM * math.Asin(math.Min(1, math.Sqrt(a)))
}
