package apptest

import (
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisServer is a redis-server of the test's own, on a free port, for
// tests that stop Redis and start it again: the machine's shared Redis
// (6379) serves every other test running at the same time and is never
// stopped. It keeps nothing on disk.
type RedisServer struct {
	t    testing.TB
	bin  string
	dir  string
	Port int
	URL  string // redis://127.0.0.1:port/0, for REDIS_URL

	cmd *exec.Cmd
}

// StartRedis starts a private redis-server and kills it at cleanup. A
// machine without redis-server skips the test, except under CI=true,
// where it fails.
func StartRedis(t testing.TB) *RedisServer {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("redis-server is not installed: %v", err)
		}
		t.Skipf("redis-server is not installed: %v", err)
	}
	_, p, _ := net.SplitHostPort(FreeAddr())
	port, _ := strconv.Atoi(p)
	s := &RedisServer{t: t, bin: bin, dir: t.TempDir(), Port: port,
		URL: "redis://127.0.0.1:" + strconv.Itoa(port) + "/0"}
	s.Start()
	t.Cleanup(s.Kill)
	return s
}

// Start starts the server (again, on the same port) and waits until it
// answers PING.
func (s *RedisServer) Start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "--port", strconv.Itoa(s.Port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", s.dir)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start redis-server: %v", err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(s.Port), MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("redis-server on port %d does not answer: %v", s.Port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Kill stops the server at once, like a crash (SIGKILL).
func (s *RedisServer) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}
