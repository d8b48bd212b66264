package procstat

import (
	"strings"
	"testing"
)

// This process's peak resident set and the load average are read from
// /proc: a Go test process holds megabytes, and the average has three
// numbers.
func TestReadsThisProcess(t *testing.T) {
	if kb := StatusKB(0, "VmHWM:"); kb < 1024 {
		t.Fatalf("VmHWM of the test process: %d kB", kb)
	}
	if StatusKB(0, "NoSuchLine:") != 0 || StatusKB(1<<30, "VmHWM:") != 0 {
		t.Fatal("a missing line or process reads as 0")
	}
	if f := strings.Fields(LoadAverage()); len(f) != 3 {
		t.Fatalf("load average %q", LoadAverage())
	}
}
