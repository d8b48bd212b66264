package domain

import (
	"math"
	"testing"
)

func TestDistanceMeters(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tolerance        float64
	}{
		{"same point", -7.6453, 112.9075, -7.6453, 112.9075, 0, 0.001},
		{"one degree of latitude", 0, 0, 1, 0, 111195, 5},
		{"one degree of longitude at the equator", 0, 0, 0, 1, 111195, 5},
		{"100 m north in Pasuruan", -7.6453, 112.9075, -7.6444007, 112.9075, 100, 0.5},
		{"Pasuruan to Surabaya", -7.6453, 112.9075, -7.2575, 112.7521, 46000, 1500},
		{"antipodes", 0, 0, 0, 180, math.Pi * 6371008.8, 1},
		{"across the antimeridian", 0, 179.999, 0, -179.999, 222.4, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DistanceMeters(tc.lat1, tc.lon1, tc.lat2, tc.lon2)
			if math.Abs(got-tc.want) > tc.tolerance {
				t.Errorf("DistanceMeters = %.1f, want %.1f ± %.1f", got, tc.want, tc.tolerance)
			}
			if back := DistanceMeters(tc.lat2, tc.lon2, tc.lat1, tc.lon1); math.Abs(back-got) > 1e-6 {
				t.Errorf("not symmetric: %.3f vs %.3f", got, back)
			}
		})
	}
}
