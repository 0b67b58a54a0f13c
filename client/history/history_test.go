package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

var at = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func rec(i int) Record {
	r := Of(ActionRevoke, client.Token{ID: fmt.Sprintf("id-%04d", i), Name: "token " + fmt.Sprint(i), Profile: "prod", Scopes: []string{"logs.read"}}, at.Add(time.Duration(i)*time.Second))
	r.Provider, r.Via = "goodaccess", ViaCLI
	return r
}

func TestAppendReadsBackPrivately(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "tokentui")
	f := &File{Path: filepath.Join(dir, "history.jsonl")}
	if err := f.Append(rec(1), rec(2)); err != nil {
		t.Fatal(err)
	}
	if err := f.Append(rec(3)); err != nil {
		t.Fatal(err)
	}
	got, warnings, err := f.Read()
	if err != nil || len(warnings) > 0 {
		t.Fatalf("Read: %v %v", err, warnings)
	}
	if len(got) != 3 || got[0].TokenID != "id-0001" || got[2].TokenID != "id-0003" || got[1].Scopes[0] != "logs.read" || got[0].ExpiresAt != "never" {
		t.Fatalf("read back %+v", got)
	}
	for path, want := range map[string]os.FileMode{f.Path: 0o600, dir: 0o700} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s has mode %o, want %o", path, info.Mode().Perm(), want)
		}
	}
}

func TestAppendMakesALooseFilePrivate(t *testing.T) {
	f := &File{Path: filepath.Join(t.TempDir(), "history.jsonl")}
	if err := os.WriteFile(f.Path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := f.Append(rec(1)); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(f.Path); info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %o after an append, want 600", info.Mode().Perm())
	}
}

func TestFileNeverGrowsWithoutBound(t *testing.T) {
	f := &File{Path: filepath.Join(t.TempDir(), "history.jsonl"), Limit: 4096}
	for i := range 500 {
		if err := f.Append(rec(i)); err != nil {
			t.Fatal(err)
		}
	}
	total := int64(0)
	for _, p := range []string{f.Path, f.rotated()} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > f.Limit {
			t.Errorf("%s is %d bytes, past the limit %d", p, info.Size(), f.Limit)
		}
		total += info.Size()
	}
	got, _, err := f.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[len(got)-1].TokenID != "id-0499" || len(got) >= 500 {
		t.Fatalf("kept %d records, last %+v; want the newest, and not all 500", len(got), got[len(got)-1])
	}
	for i := 1; i < len(got); i++ {
		if !got[i].Time.After(got[i-1].Time) {
			t.Fatalf("records out of order at %d", i)
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(f.Path), "*")); len(matches) != 2 {
		t.Fatalf("files kept: %v, want the current one and one rotated", matches)
	}
}

func TestCorruptLinesAreSkippedWithAWarning(t *testing.T) {
	f := &File{Path: filepath.Join(t.TempDir(), "history.jsonl")}
	if err := f.Append(rec(1)); err != nil {
		t.Fatal(err)
	}
	junk := "not json\n{\"action\":\"\"}\n\n" + strings.Repeat("x", maxLine+10) + "\n{\"time\":\"2026-12-01T12:00:00Z\",\"action\":\"revoke\",\"name\":\"\\u001b[31mred\"}\n"
	file, _ := os.OpenFile(f.Path, os.O_APPEND|os.O_WRONLY, 0)
	file.WriteString(junk)
	file.Close()
	if err := f.Append(rec(2)); err != nil {
		t.Fatal(err)
	}
	got, warnings, err := f.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].TokenID != "id-0001" || got[2].TokenID != "id-0002" {
		t.Fatalf("records %+v", got)
	}
	if strings.ContainsRune(got[1].Name, 0x1b) {
		t.Errorf("an escape sequence survived the read: %q", got[1].Name)
	}
	if len(warnings) != 3 || !strings.Contains(warnings[0], "line 2 ") || !strings.Contains(warnings[2], "line 5 ") {
		t.Fatalf("warnings %q", warnings)
	}
}

func TestAnUnwritableFileIsAnErrorNotAPanic(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "state")
	os.WriteFile(blocker, []byte("a file where the directory should be"), 0o600)
	f := &File{Path: filepath.Join(blocker, "tokentui", "history.jsonl")}
	if err := f.Append(rec(1)); err == nil || !strings.HasPrefix(err.Error(), "history: ") {
		t.Fatalf("Append = %v, want a history error", err)
	}
	if got, _, err := f.Read(); err != nil && !errors.Is(err, os.ErrNotExist) && len(got) != 0 {
		t.Fatalf("Read = %v %v", got, err)
	}
}

func TestRecordsAreScrubbedOfKnownSecrets(t *testing.T) {
	secret := "ga_" + strings.Repeat("5e", 20)
	client.RememberSecret(secret)
	f := &File{Path: filepath.Join(t.TempDir(), "history.jsonl")}
	r := rec(1)
	r.Name = "echo " + secret
	r.Error = "server said: token " + secret + " is not valid"
	if err := f.Append(r); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(f.Path)
	if strings.Contains(string(raw), secret[3:20]) {
		t.Fatalf("the file holds the secret: %s", raw)
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	noHome := func() (string, error) { return "", errors.New("none") }
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/h"}, "/x/state/tokentui/history.jsonl"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/h"}, "/h/.local/state/tokentui/history.jsonl"},
		{map[string]string{"HOME": "/h"}, "/h/.local/state/tokentui/history.jsonl"},
	}
	for _, c := range cases {
		if got, err := DefaultPath(env(c.env), noHome); err != nil || got != c.want {
			t.Errorf("DefaultPath(%v) = %q, %v; want %q", c.env, got, err, c.want)
		}
	}
	if _, err := DefaultPath(env(nil), noHome); err == nil {
		t.Error("no home at all: want an error")
	}
}

func TestFinishSaysWhatHappened(t *testing.T) {
	r := rec(1)
	if got := r.Finish(nil); got.Outcome != OutcomeOK || got.Error != "" {
		t.Errorf("ok: %+v", got)
	}
	if got := r.Finish(errors.New("refused")); got.Outcome != OutcomeFailed || got.Error != "refused" {
		t.Errorf("failed: %+v", got)
	}
	lost := &client.UnknownOutcomeError{Err: errors.New("connection reset")}
	if got := r.Finish(lost); got.Outcome != OutcomeUnknown || got.Error == "" {
		t.Errorf("lost: %+v", got)
	}
}

// Two writers on one file (the dashboard and a script) keep every record
// whole: each record is one append.
func TestConcurrentWritersKeepRecordsWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	a, b := &File{Path: path}, &File{Path: path}
	done := make(chan error)
	for i := range 40 {
		go func() {
			w := a
			if i%2 == 1 {
				w = b
			}
			done <- w.Append(rec(i), rec(i+1000))
		}()
	}
	for range 40 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	got, warnings, err := a.Read()
	if err != nil || len(warnings) > 0 || len(got) != 80 {
		t.Fatalf("read %d records, warnings %v, err %v", len(got), warnings, err)
	}
}
