package tui

import (
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// A create whose answer is lost, tried as a person would: the emulator
// makes the token, a hostile proxy spoils the answer in each way a network
// or a proxy can, and the dashboard must say the token may exist, find it,
// offer to revoke it, and never offer a blind retry.

func TestInterruptedCreateIsFoundAndCanBeRevoked(t *testing.T) {
	for name, kind := range hostile.Losses {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ga, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer ga.Close()
			url, _ := hostile.LossyProxy(t, ga.URL, "", kind.Spoil)
			p, err := goodaccess.New(client.Connection{BaseURL: url, Token: ga.AdminToken, Timeout: 400 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			tm := startWith(t, Options{Provider: p, Clipboard: clipboard.NewFake(), ProfileLabel: "demo · GoodAccess"}, 120, 35)
			waitLoaded(t, tm)
			before := ga.Len()
			send(tm, "n")
			waitFor(t, tm, "New token")
			tm.Type("lost-answer")
			send(tm, "tab", "down", "enter")
			tm.Send(keyMsg("ctrl+s"))
			switch {
			case !kind.Accepted:
				waitFor(t, tm, "may have been created", "will not retry", "It is in the list now:")
			case kind.Whole:
				// The answer arrived, in part: what may be the secret is shown.
				waitFor(t, tm, "was created, but its secret did not", "may be the secret", "ga_", "It is in the list now:")
			default:
				waitFor(t, tm, "was created, but its secret did not", "It is in the list now:")
			}
			if ga.Len() != before+1 {
				t.Fatalf("%d tokens made, want 1: no retry", ga.Len()-before)
			}
			send(tm, "x")
			waitFor(t, tm, "Revoke token?", "lost-answer")
			send(tm, "y")
			waitFor(t, tm, "revoked lost-answer")
			if ga.Len() != before {
				t.Fatalf("the token found was not revoked: %d tokens, want %d", ga.Len(), before)
			}
			finish(t, tm)
		})
	}
}
