package table

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// An index built in parts on every core is the index of the whole list:
// each token's stretch of the haystack, mask, name, ID and facet are its
// own, facets are numbered in the order first met and name a token that
// has them, and an ID sent twice is found twice.
func TestBuildIndexInParts(t *testing.T) {
	tokens := tokentest.Synthetic(3*partTokens+5, nil)
	tokens[7].Name = "Über\u200bName" // sanitised: a marker, and lower-cased beyond ASCII
	tokens[partTokens+1].ID = tokens[3].ID
	tokens[2*partTokens].Role, tokens[2*partTokens].AllowedIPs = "admin", []string{"10.0.0.0/8"}
	tokens[3*partTokens+1].Profile = "prod" // in the last part: noted, keyed and faceted
	ix := BuildIndex(slices.Clone(tokens))

	seen := map[string]int32{}
	for i := range tokens {
		tok := ix.tokens[i]
		var want strings.Builder
		writeField(&want, strings.ToLower(tok.Name))
		for _, ip := range tok.AllowedIPs {
			writeField(&want, ip)
		}
		if got := ix.key(int32(i)); got != want.String() {
			t.Fatalf("token %d: haystack part %q, want %q", i, got, want.String())
		}
		if ix.masks[i] != maskOf(want.String()) || ix.names[i] != strings.ToLower(tok.Name) || ix.lowerIDs[i] != strings.ToLower(tok.ID) {
			t.Fatalf("token %d: mask, name or ID is another token's", i)
		}
		var facet bytes.Buffer
		writeFacet(&facet, &tok)
		f := ix.facetOf[i]
		if ix.facets[f] != facet.String() {
			t.Fatalf("token %d: facet %q, want %q", i, ix.facets[f], facet.String())
		}
		if first, ok := seen[facet.String()]; !ok {
			if int(f) != len(seen) || ix.facetRep[f] != int32(i) {
				t.Fatalf("token %d: facet numbered %d (rep %d), want %d first met here", i, f, ix.facetRep[f], len(seen))
			}
			seen[facet.String()] = int32(i)
		} else if ix.facetRep[f] != first {
			t.Fatalf("facet %d: rep %d, want %d", f, ix.facetRep[f], first)
		}
	}
	if len(ix.facets) != len(seen) {
		t.Errorf("%d facets, want %d", len(ix.facets), len(seen))
	}
	if got := ix.withID(tokens[3].ID); !slices.Equal(got, []int32{partTokens + 1, 3}) {
		t.Errorf("ID sent twice: %v", got)
	}
	if got, want := ix.rowKeys[3*partTokens+1], RowKeyOf("prod", tokens[3*partTokens+1].ID); got != want || ix.profiles != 1 {
		t.Errorf("row key %q (want %q), %d profiles (want 1)", got, want, ix.profiles)
	}
	if f := ix.fields; !f.role || !f.allowedIPs || !f.scopes || f.projects || !f.profile {
		t.Errorf("fields %+v", f)
	}
	if !ix.couldBeID(strings.ToLower(tokens[9].ID[:4])) || ix.couldBeID("zzz") {
		t.Error("ID bytes wrong")
	}
}
