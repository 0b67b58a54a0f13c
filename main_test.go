package main

import (
	"bytes"
	"strings"
	"testing"
)

func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestRunRefusesWhatItCannotUse(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"nothing set", nil, nil, "set TOKENTUI_URL (or --url) and TOKENTUI_TOKEN, or try --demo"},
		{"no token", []string{"--url", "https://integration.goodaccess.com"}, nil, "no admin token: set TOKENTUI_TOKEN"},
		{"no url", nil, map[string]string{"TOKENTUI_TOKEN": "s3cr3t"}, "no API URL"},
		{"plain http to another host", nil, map[string]string{"TOKENTUI_URL": "http://api.example.com", "TOKENTUI_TOKEN": "s3cr3t"},
			"refusing plain http to api.example.com"},
		{"not a URL", []string{"--url", "integration.goodaccess.com"}, map[string]string{"TOKENTUI_TOKEN": "s3cr3t"}, "is not an http(s) URL"},
		{"credentials in the URL", []string{"--url", "https://u:p@example.com"}, map[string]string{"TOKENTUI_TOKEN": "s3cr3t"}, "without user:password"},
		{"stray argument", []string{"list"}, nil, `unexpected argument "list"`},
		{"unknown flag", []string{"--nope"}, nil, "flag provided but not defined"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(c.args, envOf(c.env), &stderr); code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr = %q, want %q", stderr.String(), c.want)
			}
			if strings.Contains(stderr.String(), "s3cr3t") {
				t.Error("the token was echoed")
			}
		})
	}
}

func TestParseFlagsAccepts(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		url  string
	}{
		{"https from env", nil, map[string]string{"TOKENTUI_URL": "https://integration.goodaccess.com/", "TOKENTUI_TOKEN": " t "}, "https://integration.goodaccess.com"},
		{"http to loopback", []string{"--url", "http://127.0.0.1:8080"}, map[string]string{"TOKENTUI_TOKEN": "t"}, "http://127.0.0.1:8080"},
		{"http to localhost", []string{"--url", "http://localhost:8080"}, map[string]string{"TOKENTUI_TOKEN": "t"}, "http://localhost:8080"},
		{"http to ::1", []string{"--url", "http://[::1]:8080"}, map[string]string{"TOKENTUI_TOKEN": "t"}, "http://[::1]:8080"},
		{"http elsewhere with --insecure", []string{"--insecure", "--url", "http://10.0.0.5"}, map[string]string{"TOKENTUI_TOKEN": "t"}, "http://10.0.0.5"},
		{"flag wins over env", []string{"--url", "https://a.example"}, map[string]string{"TOKENTUI_URL": "https://b.example", "TOKENTUI_TOKEN": "t"}, "https://a.example"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := parseFlags(c.args, envOf(c.env), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.url != c.url || cfg.token != "t" {
				t.Errorf("cfg = %+v", cfg)
			}
		})
	}
	cfg, err := parseFlags([]string{"--demo"}, envOf(nil), &bytes.Buffer{})
	if err != nil || !cfg.demo {
		t.Errorf("--demo: %+v, %v", cfg, err)
	}
}

func TestHelpExitsZero(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"--help"}, envOf(nil), &stderr); code != exitOK {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "tokentui --demo") || !strings.Contains(stderr.String(), "TOKENTUI_TOKEN") {
		t.Errorf("usage = %q", stderr.String())
	}
}

func TestDemoConnectsToTheEmulator(t *testing.T) {
	opts, closeFn, err := connect(config{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if !opts.Demo || opts.Provider == nil || !strings.HasPrefix(opts.URL, "http://127.0.0.1:") {
		t.Fatalf("opts = %+v", opts)
	}
	tokens, err := opts.Provider.List(t.Context())
	if err != nil || len(tokens) == 0 {
		t.Fatalf("demo list: %d tokens, %v", len(tokens), err)
	}
}
