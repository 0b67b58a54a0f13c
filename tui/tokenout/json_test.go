package tokenout

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/jsonappend"
)

func TestFastJSONMatchesEncodingJSON(t *testing.T) {
	tricky := []string{"", "plain", `q"uote\\back`, "new\nline\ttab\r\b\f", "\x00\x01\x1f\x7f", "caf\u00e9 \u2603 \U0001F600", "bad\xffutf8\xc3", "ls\u2028ps\u2029", "<html>&amp;"}
	var tokens []Token
	shared := []string{"a", "b\u2028", "c"} // written once per writer, then copied
	for i, s := range tricky {
		tokens = append(tokens, Token{
			ID: s, Name: s, Role: s, Environment: s, CreatedBy: s, SecretMasked: s,
			Scopes: []string{s, "x"}, Projects: shared, AllowedIPs: nil,
			CreatedAt: Time{time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("X", 3600))},
			ExpiresAt: Time{}, LastUsedAt: Time{time.Unix(int64(i)*1e8, 0)},
			Expired: i%2 == 0,
		})
	}
	tokens[0].Projects = []string{} // empty, not shared
	// Enough tokens for many chunks on every core, written out of turn.
	for len(tokens) < 20*chunkTokens+7 {
		tokens = append(tokens, tokens...)
	}
	var fast bytes.Buffer
	if err := WriteJSON(bufio.NewWriter(&fast), len(tokens), func(i int) Token { return tokens[i] }); err != nil {
		t.Fatal(err)
	}
	var std bytes.Buffer
	enc := json.NewEncoder(&std)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tokens); err != nil {
		t.Fatal(err)
	}
	if fast.String() != std.String() {
		at := 0
		for at < min(fast.Len(), std.Len()) && fast.Bytes()[at] == std.Bytes()[at] {
			at++
		}
		t.Fatalf("fast differs from encoding/json at byte %d:\n%.300s\nencoding/json:\n%.300s", at, fast.String()[max(at-100, 0):], std.String()[max(at-100, 0):])
	}
	if err := WriteJSON(bufio.NewWriter(&fast), 0, nil); err != nil || fast.String()[len(fast.String())-3:] != "[]\n" {
		t.Fatalf("empty list: %q", fast.String())
	}
}

// A write that fails stops the writing, and its error is the answer.
func TestFastJSONStopsAtAWriteError(t *testing.T) {
	tok := Token{ID: "x", Name: "y"}
	for _, after := range []int{0, 1, 5} {
		w := &failingWriter{left: after}
		err := WriteJSON(bufio.NewWriterSize(w, 16), 50*chunkTokens, func(int) Token { return tok })
		if !errors.Is(err, errWriteFailed) {
			t.Errorf("failing after %d writes: %v", after, err)
		}
	}
}

var errWriteFailed = errors.New("disk full")

type failingWriter struct{ left int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.left == 0 {
		return 0, errWriteFailed
	}
	f.left--
	return len(p), nil
}

func TestCSVHasTheJSONFieldsAndNoFormulas(t *testing.T) {
	self := true
	tokens := []Token{
		{Profile: "prod", Provider: "goodaccess", ID: "3f2a", Name: "=HYPERLINK(\"http://evil\")", Scopes: []string{"logs.read", "token.read"},
			AllowedIPs: []string{"10.0.0.0/8"}, CreatedAt: At(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), Self: &self,
			NotReported: []string{"created_by"}, Projects: []string{}, InvalidDates: []string{}},
		{Profile: "un", Provider: "unleash", ID: "x", Name: "line\nbreak, \"quoted\"", SecretMasked: "default:production.25ee…b1"},
	}
	var b bytes.Buffer
	if n, tok := Of(tokens); WriteCSV(&b, n, tok) != nil {
		t.Fatal("WriteCSV failed")
	}
	want := "profile,provider,id,name,scopes,role,projects,environment,owner,allowed_ips,created_at,expires_at,expired,last_used_at,created_by,self,not_reported,invalid_dates,secret_masked,secret_note\n" +
		"prod,goodaccess,3f2a,\"'=HYPERLINK(\"\"http://evil\"\")\",logs.read;token.read,,,,,10.0.0.0/8,2026-01-02T03:04:05Z,,false,,,true,created_by,,,\n" +
		"un,unleash,x,\"line break, \"\"quoted\"\"\",,,,,,,,,false,,,,,,default:production.25ee…b1,\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// listedCases are client tokens with every field set oddly, for the
// writers that take them.
func listedCases() []Listed {
	tricky := []string{"", "plain", `q"uote\\back`, "new\nline\ttab\r\b\f", "\x00\x01\x1f\x7f", "caf\u00e9 \u2603 \U0001F600",
		"bad\xffutf8\xc3", "ls\u2028ps\u2029", "<html>&amp;", "zero\u200bwidth", "marker⟨U+200B⟩here", "⟨U+200B", "tag\U000E0041"}
	shared := []string{"a", "b\u2028", "c"}
	created := time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("X", 3600))
	var out []Listed
	for i, s := range tricky {
		t := &client.Token{
			ID: s, Name: s, Role: s, Environment: s, CreatedBy: s, Owner: s, SecretNote: s,
			Secret: "default:production." + s + "0123456789abcdef", Scopes: []string{s, "x"}, Projects: shared,
			CreatedAt: created, LastUsedAt: time.Unix(int64(i)*1e8, 0), Self: i%3 == 0,
			Reported: client.Facts(i % 8), InvalidDates: client.DateFields(i % 8),
		}
		if i%2 == 0 {
			t.ExpiresAt = created.Add(time.Duration(i) * 24 * time.Hour)
			t.AllowedIPs = []string{"10.0.0.0/8", s}
			t.Profile = "listed-" + s
		}
		if i == 1 {
			t.Secret, t.Scopes, t.Projects = "", nil, []string{}
		}
		out = append(out, Listed{Token: t, Profile: "profile-" + s, Kind: "kind-" + s})
	}
	for len(out) < 20*chunkTokens+7 { // many chunks on every core
		out = append(out, out...)
	}
	return out
}

// WriteListed writes what encoding/json writes of From's tokens, with
// invisible characters escaped (jsonappend.EscapeInvisible), as WriteJSON
// does: the same bytes whichever way a list is written.
func TestWriteListedMatchesEncodingJSON(t *testing.T) {
	now := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	listed := listedCases()
	var want []Token
	for _, l := range listed {
		tok := From(l.Token, l.Kind, now)
		if tok.Profile == "" {
			tok.Profile = l.Profile
		}
		want = append(want, tok)
	}
	var std bytes.Buffer
	enc := json.NewEncoder(&std)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(want); err != nil {
		t.Fatal(err)
	}
	escaped := string(jsonappend.EscapeInvisible(nil, std.Bytes()))
	var fast, slow bytes.Buffer
	if err := WriteListed(bufio.NewWriter(&fast), len(listed), func(i int) Listed { return listed[i] }, now); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(bufio.NewWriter(&slow), len(want), func(i int) Token { return want[i] }); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]string{"WriteListed": fast.String(), "WriteJSON": slow.String()} {
		if got != escaped {
			at := 0
			for at < min(len(got), len(escaped)) && got[at] == escaped[at] {
				at++
			}
			t.Fatalf("%s differs from encoding/json at byte %d:\n%.300s\nencoding/json:\n%.300s", name, at, got[max(at-100, 0):], escaped[max(at-100, 0):])
		}
	}
	if strings.Contains(fast.String(), "0123456789abcdef") {
		t.Fatal("a secret is written unmasked")
	}
	if strings.Contains(fast.String(), "\u200b") || !strings.Contains(fast.String(), `zero\u200bwidth`) {
		t.Fatal("an invisible character is written raw")
	}
	fast.Reset()
	if err := WriteListed(bufio.NewWriter(&fast), 0, nil, now); err != nil || fast.String() != "[]\n" {
		t.Fatalf("empty list: %q, %v", fast.String(), err)
	}
}

// appendTime writes what AppendFormat writes, at the ends of the valid
// range, around leap days and century years, and in other zones.
func TestAppendTime(t *testing.T) {
	times := []time.Time{
		time.Unix(0, 1), time.Unix(1, 0), time.Unix(86399, 999999999), time.Unix(86400, 0),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(2000, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(2100, 2, 28, 23, 59, 59, 0, time.UTC), time.Date(2100, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2400, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 30, 0, 0, time.FixedZone("X", 3600)),
		time.Date(1999, 12, 31, 23, 59, 59, 0, time.FixedZone("Y", -11*3600)),
	}
	for d := time.Unix(0, 0); d.Year() < 10000; d = d.Add(997*time.Hour + 61*time.Second) {
		times = append(times, d)
	}
	for _, tm := range times {
		checkAppendTime(t, tm)
	}
	for _, tm := range []time.Time{{}, time.Unix(0, 0), time.Unix(-1, 0), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if got := string(appendTime(nil, tm)); got != "null" {
			t.Errorf("appendTime(%v) = %s, want null", tm, got)
		}
	}
}

func checkAppendTime(t *testing.T, tm time.Time) {
	t.Helper()
	if !client.ValidTime(tm) {
		if got := string(appendTime(nil, tm)); got != "null" {
			t.Fatalf("appendTime(%v) = %s, want null", tm, got)
		}
		return
	}
	want := `"` + tm.UTC().Format(time.RFC3339) + `"`
	if got := string(appendTime(nil, tm)); got != want {
		t.Fatalf("appendTime(%v) = %s, AppendFormat %s", tm, got, want)
	}
}

func FuzzAppendTime(f *testing.F) {
	f.Add(int64(1), int64(0))
	f.Add(int64(253402300799), int64(999999999))
	f.Add(int64(951782400), int64(5))
	const last = 253402300799 // 9999-12-31T23:59:59Z
	f.Fuzz(func(t *testing.T, sec, nsec int64) {
		checkAppendTime(t, time.Unix(sec, nsec))
		inRange := sec%last + 1
		if inRange <= 0 {
			inRange += last
		}
		checkAppendTime(t, time.Unix(inRange, nsec%1e9))
	})
}
