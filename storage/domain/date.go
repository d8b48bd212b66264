package domain

import "time"

// WIB is Waktu Indonesia Barat (UTC+7), the time zone of Kota Pasuruan.
// Indonesia has no daylight saving time, so a fixed zone is exact and needs
// no tzdata.
var WIB = time.FixedZone("WIB", 7*60*60)
