package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"pilarbot/handlers/app/procstat"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat:
// 100 on every Linux architecture Go supports.
const clockTicks = 100

// botProcess is the bot under measurement, a child process.
type botProcess struct {
	cmd    *exec.Cmd
	stderr *tailBuffer
	done   chan struct{} // closed when the process has exited
	err    error         // its exit status, once done is closed
}

// buildBot compiles the in-repo bot into dir and returns the command line
// that runs it.
func buildBot(ctx context.Context, dir string) ([]string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" || strings.TrimSpace(string(out)) == os.DevNull {
		return nil, fmt.Errorf("load: find the repository root (go env GOMOD): %v", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	bin := filepath.Join(dir, "pilarbot")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	build.Dir = root
	if msg, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("load: go build the bot: %v\n%s", err, msg)
	}
	return []string{bin}, nil
}

// startBot starts argv with the environment of the load run (on top of
// the parent's, so PATH and HOME reach a Node peer).
func startBot(argv []string, env []string) (*botProcess, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	p := &botProcess{cmd: cmd, stderr: &tailBuffer{max: 8 << 10}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.stderr, p.stderr
	// Its own process group, so that stopping it stops what it started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("load: start the bot %q: %w", argv[0], err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// exited reports whether the bot has stopped, with its status.
func (p *botProcess) exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.err
	default:
		return false, nil
	}
}

// stop sends SIGTERM to the bot's process group and kills it if it has
// not exited after grace.
func (p *botProcess) stop(grace time.Duration) {
	pgid := p.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
	}
}

// usage is the CPU time and peak memory of a process and its descendants.
type usage struct {
	CPU     time.Duration // user + system, children that exited included
	PeakRSS int64         // VmHWM in bytes, summed over the live processes
	// Slices is the times the live threads were put on a CPU (schedstat's
	// third field): a count of wake-ups that does not depend on how busy
	// the machine is, where CPU time does.
	Slices int64
}

// readUsage reads /proc for root and every live descendant: CPU from
// per-thread schedstat (nanoseconds) where the kernel has it, else from
// utime+stime (10 ms ticks); the CPU of reaped children from cutime and
// cstime.
func readUsage(root int) (usage, error) {
	pids := descendants(root)
	var u usage
	for _, pid := range pids {
		st, err := readStat(pid)
		if err != nil {
			if pid == root {
				return usage{}, err
			}
			continue // exited meanwhile
		}
		cpu := ticks(st.utime + st.stime)
		if ns, slices, ok := threadsCPU(pid); ok {
			cpu = ns
			u.Slices += slices
		}
		u.CPU += cpu + ticks(st.cutime+st.cstime)
		u.PeakRSS += procstat.StatusKB(pid, "VmHWM:") * 1024
	}
	return u, nil
}

// selfCPU is the load command's own user + system CPU time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ticks(n int64) time.Duration { return time.Duration(n) * time.Second / clockTicks }

// procStat holds the fields of /proc/<pid>/stat the load command reads.
type procStat struct {
	ppid                         int
	utime, stime, cutime, cstime int64
}

func readStat(pid int) (procStat, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	return parseStat(string(raw))
}

// parseStat parses /proc/<pid>/stat; the command name, in parentheses,
// may itself hold spaces and parentheses, so fields count from the last
// ")".
func parseStat(s string) (procStat, error) {
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procStat{}, errors.New("load: malformed /proc stat")
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3 (state)
	if len(f) < 15 {
		return procStat{}, errors.New("load: short /proc stat")
	}
	num := func(field int) int64 { n, _ := strconv.ParseInt(f[field-3], 10, 64); return n }
	return procStat{ppid: int(num(4)), utime: num(14), stime: num(15), cutime: num(16), cstime: num(17)}, nil
}

// threadsCPU sums the time on CPU of every thread of pid, and the times
// each was put on a CPU, from /proc/<pid>/task/*/schedstat.
func threadsCPU(pid int) (time.Duration, int64, bool) {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	if err != nil || len(tasks) == 0 {
		return 0, 0, false
	}
	var total, slices int64
	for _, t := range tasks {
		raw, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		f := strings.Fields(string(raw))
		if len(f) < 3 {
			return 0, 0, false
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, false
		}
		k, _ := strconv.ParseInt(f[2], 10, 64)
		total += n
		slices += k
	}
	return time.Duration(total), slices, true
}

// descendants returns root and every live process below it.
func descendants(root int) []int {
	entries, _ := os.ReadDir("/proc")
	children := map[int][]int{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, err := readStat(pid); err == nil {
			children[st.ppid] = append(children[st.ppid], pid)
		}
	}
	out := []int{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// tailBuffer keeps the last max bytes written, for the bot's output on
// failure.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}
