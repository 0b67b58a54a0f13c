package form

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tokentui/tokentui/client"
)

// host stands in for the root app: it runs the form, "creates" the token
// with a scripted outcome, and quits on success or cancel.
type host struct {
	form      Model
	failFirst error // the first create fails with this
	requests  []client.NewToken
	cancelled bool
}

type createdMsg struct{ err error }

func (h host) Init() tea.Cmd { return h.form.Init() }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case SubmitMsg:
		h.requests = append(h.requests, msg.Request)
		h.form.SetSubmitting(true)
		err := h.failFirst
		h.failFirst = nil
		return h, func() tea.Msg { return createdMsg{err: err} }
	case createdMsg:
		if msg.err != nil {
			h.form.SetError(msg.err)
			return h, nil
		}
		return h, tea.Quit
	case CancelledMsg:
		h.cancelled = true
		return h, tea.Quit
	}
	var cmd tea.Cmd
	h.form, cmd = h.form.Update(msg)
	return h, cmd
}

func (h host) View() string { return h.form.View() }

func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// A GoodAccess token end to end in an 80x24 terminal: a preset, an extra
// scope by filter, a CIDR, a network failure and a retry.
func TestGoodAccessFormInATerminal(t *testing.T) {
	h := host{
		form:      New(goodAccessCatalog(), Options{Now: fixedNow, Location: zone, Width: 80, Height: 24, Title: "New GoodAccess token"}),
		failFirst: &client.NetworkError{Op: "connect", Err: errors.New("connection refused")},
	}
	tm := teatest.NewTestModel(t, h, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "New GoodAccess token")

	tm.Type("siem-export")
	send(tm, "tab")
	waitFor(t, tm, "preset logs-only")
	send(tm, "down", "enter") // logs-only
	waitFor(t, tm, "5 of 52 scopes")
	send(tm, "/")
	tm.Type("devices.read-all")
	waitFor(t, tm, "1 match")
	send(tm, "enter", "space")
	waitFor(t, tm, "6 of 52 scopes")
	send(tm, "tab", "tab") // expiry stays 30 days
	tm.Type("198.51.100.23/24")
	waitFor(t, tm, "enter adds 198.51.100.0/24 (host bits cleared)")
	send(tm, "enter", "ctrl+s")
	waitFor(t, tm, "connection refused — ctrl+s to retry")
	send(tm, "ctrl+s")

	final := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(host)
	if len(final.requests) != 2 || !reflect.DeepEqual(final.requests[0], final.requests[1]) {
		t.Fatalf("requests = %+v, want the same request twice", final.requests)
	}
	req := final.requests[0]
	want := client.NewToken{
		Name:       "siem-export",
		Scopes:     []string{"devices.read-all", "gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"},
		ExpiresAt:  time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC),
		AllowedIPs: []string{"198.51.100.0/24"},
	}
	if !reflect.DeepEqual(req, want) {
		t.Fatalf("request =\n%+v\nwant\n%+v", req, want)
	}
}

func TestCancelInATerminal(t *testing.T) {
	h := host{form: New(border0Catalog(), Options{Now: fixedNow, Location: zone, Width: 80, Height: 24})}
	tm := teatest.NewTestModel(t, h, teatest.WithInitialTermSize(80, 24))
	tm.Type("half-done")
	send(tm, "esc")
	waitFor(t, tm, "Discard this token?")
	tm.Type("y")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(host)
	if !final.cancelled || len(final.requests) != 0 {
		t.Fatalf("cancelled %v, requests %v", final.cancelled, final.requests)
	}
}
