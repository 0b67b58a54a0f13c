package client

import (
	"testing"
	"time"
)

func TestAppeared(t *testing.T) {
	sent := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tokens := []Token{
		{ID: "old", Name: "ci", CreatedAt: sent.Add(-48 * time.Hour)},
		{ID: "new", Name: "ci", CreatedAt: sent.Add(time.Second)},
		{ID: "skewed", Name: "ci", CreatedAt: sent.Add(-2 * time.Minute)},
		{ID: "other", Name: "cd", CreatedAt: sent},
		{ID: "undated", Name: "ci"},
	}
	ids := func(ts []Token) (out []string) {
		for _, t := range ts {
			out = append(out, t.ID)
		}
		return out
	}
	before := map[string]bool{"old": true, "skewed": true, "undated": true}
	if got := ids(Appeared(tokens, " ci ", func(id string) bool { return before[id] }, sent)); len(got) != 1 || got[0] != "new" {
		t.Errorf("with the list from before: %v", got)
	}
	if got := ids(Appeared(tokens, "ci", nil, sent)); len(got) != 3 || got[0] != "new" || got[1] != "skewed" || got[2] != "undated" {
		t.Errorf("without it: %v", got)
	}
}
