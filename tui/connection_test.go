package tui

import (
	"context"
	"testing"

	"github.com/tokentui/tokentui/client/profile"
)

// A provider with a connection test (GoodAccess) is asked it when a profile
// opens: with a wrong URL, the error view names the URL, not only a failed
// token list.
func TestConnectionTestNamesAWrongURL(t *testing.T) {
	ps := startDemo(t)
	for i := range ps {
		if ps[i].Provider != "goodaccess" {
			continue
		}
		wrong := ps[i]
		wrong.URL += "/nope"
		prov, err := profile.Open(context.Background(), wrong)
		if err != nil {
			t.Fatal(err)
		}
		tm := startWith(t, Options{Provider: prov, ProfileLabel: "demo · GoodAccess", URL: wrong.URL, Demo: true}, 120, 35)
		waitFor(t, tm, "Could not load tokens", "Connection test:", "no GoodAccess Integration API at", "/nope")
		quitByKey(t, tm)
		return
	}
	t.Fatal("no GoodAccess demo profile")
}
