package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeFile is the part of docker-compose.yml the test reads.
type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Build       any               `yaml:"build"`
		Command     []string          `yaml:"command"`
		Profiles    []string          `yaml:"profiles"`
		EnvFile     string            `yaml:"env_file"`
		Environment map[string]string `yaml:"environment"`
		Volumes     []string          `yaml:"volumes"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Healthcheck struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

// TestComposeFile checks docker-compose.yml, the Caddyfile and
// .env.example hold what the README promises, since Docker cannot run
// here: Postgres 16, Redis 7 with AOF, healthchecks (the bot's through
// `pilarbot healthcheck`), named volumes, the token from the env file, and
// a `replicas` profile of three webhook replicas behind the proxy.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	pg, rd := c.Services["postgres"], c.Services["redis"]
	if !strings.HasPrefix(pg.Image, "postgres:16") || len(pg.Healthcheck.Test) == 0 {
		t.Errorf("postgres: image %q, healthcheck %v; want postgres:16 with a healthcheck", pg.Image, pg.Healthcheck.Test)
	}
	if !strings.HasPrefix(rd.Image, "redis:7") || !strings.Contains(strings.Join(rd.Command, " "), "--appendonly yes") ||
		len(rd.Healthcheck.Test) == 0 {
		t.Errorf("redis: image %q, command %v; want redis:7 with --appendonly yes and a healthcheck", rd.Image, rd.Command)
	}

	bots := map[string]string{"bot": "polling", "bot-1": "replicas", "bot-2": "replicas", "bot-3": "replicas"}
	for name, profile := range bots {
		s, ok := c.Services[name]
		switch {
		case !ok:
			t.Errorf("no service %s", name)
			continue
		case s.Build == nil || s.EnvFile != ".env":
			t.Errorf("%s: build %v, env_file %q; want the Dockerfile's image and the token from .env", name, s.Build, s.EnvFile)
		case !slices.Equal(s.Profiles, []string{profile}):
			t.Errorf("%s: profiles %v, want [%s]", name, s.Profiles, profile)
		case !slices.Equal(s.Healthcheck.Test, []string{"CMD", "/pilarbot", "healthcheck"}):
			t.Errorf("%s: healthcheck %v, want the binary's own", name, s.Healthcheck.Test)
		case s.DependsOn["postgres"].Condition != "service_healthy" || s.DependsOn["redis"].Condition != "service_healthy":
			t.Errorf("%s: depends_on %v, want healthy postgres and redis", name, s.DependsOn)
		case s.Environment["HTTP_ADDR"] != "0.0.0.0:8080" || !strings.Contains(s.Environment["DATABASE_URL"], "@postgres:5432/"):
			t.Errorf("%s: environment %v", name, s.Environment)
		}
		webhook := s.Environment["TELEGRAM_WEBHOOK_URL"]
		if profile == "replicas" && (!strings.HasSuffix(webhook, "/telegram/webhook") || !strings.HasPrefix(webhook, "https://") ||
			s.Environment["TELEGRAM_WEBHOOK_SECRET"] == "") {
			t.Errorf("%s: webhook URL %q / secret %q; want webhook mode", name, webhook, s.Environment["TELEGRAM_WEBHOOK_SECRET"])
		}
		if profile == "polling" && webhook != "" {
			t.Errorf("%s polls, but has TELEGRAM_WEBHOOK_URL", name)
		}
	}
	if p := c.Services["proxy"]; !slices.Equal(p.Profiles, []string{"replicas"}) || !slices.Contains(p.Volumes, "./Caddyfile:/etc/caddy/Caddyfile:ro") {
		t.Errorf("proxy: profiles %v, volumes %v; want the replicas profile with the Caddyfile", p.Profiles, p.Volumes)
	}
	checkNamedVolumes(t, c)
	checkCaddyfile(t)
	checkEnvExample(t, string(raw))
}

// checkNamedVolumes fails for a volume a service mounts by a name the
// file does not declare, and for the data of Postgres or Redis kept
// anywhere but in a named volume.
func checkNamedVolumes(t *testing.T, c composeFile) {
	t.Helper()
	for name, s := range c.Services {
		for _, v := range s.Volumes {
			src, dst, _ := strings.Cut(v, ":")
			named := !strings.HasPrefix(src, ".") && !strings.HasPrefix(src, "/")
			if _, declared := c.Volumes[src]; named && !declared {
				t.Errorf("%s mounts volume %q, which is not declared", name, src)
			}
			if (strings.HasPrefix(dst, "/var/lib/postgresql/data") || dst == "/data" && name == "redis") && !named {
				t.Errorf("%s keeps its data in %q, not a named volume", name, src)
			}
		}
	}
}

func checkCaddyfile(t *testing.T) {
	t.Helper()
	raw, err := os.ReadFile("Caddyfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"{$PUBLIC_HOST}", "handle /telegram/webhook", "bot-1:8080 bot-2:8080 bot-3:8080", "health_uri /readyz"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("Caddyfile lacks %q", want)
		}
	}
	if strings.Count(string(raw), "{") != strings.Count(string(raw), "}") {
		t.Error("Caddyfile: braces do not balance")
	}
}

// checkEnvExample fails for a variable compose interpolates that
// .env.example does not document.
func checkEnvExample(t *testing.T, compose string) {
	t.Helper()
	raw, err := os.ReadFile(".env.example")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			documented[strings.TrimSpace(k)] = true
		}
	}
	for _, m := range regexp.MustCompile(`\$\{([A-Z_]+)`).FindAllStringSubmatch(compose, -1) {
		if !documented[m[1]] {
			t.Errorf("docker-compose.yml uses ${%s}, which .env.example does not document", m[1])
		}
	}
	if !documented["TELEGRAM_BOT_TOKEN"] {
		t.Error(".env.example has no TELEGRAM_BOT_TOKEN")
	}
}
