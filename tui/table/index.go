package table

import (
	"slices"
	"sync"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/samelist"
	"github.com/tokentui/tokentui/tui/internal/textsort"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// Index is an immutable-after-build view of one List result, shaped so
// that filtering and sorting never touch the tokens themselves. A token's
// searchable text is split three ways by how it behaves at scale:
//
//   - what is unique per token (name, allowed IPs), lower-cased, lives in
//     ONE string, NUL-separated: a full filter pass is a few SIMD
//     strings.Index calls over contiguous memory, not 100 000 Contains calls;
//   - what tokens share (scopes, role, projects, environment) is interned:
//     a query is matched against each distinct combination once (a handful,
//     where a token list has thousands), then looked up per token;
//   - the ID matches by prefix only, and only when the query could be part
//     of one: a name fragment like "ace" must not match random tokens whose
//     UUID happens to contain it, and the short ID on screen is a prefix.
//
// The orders are sorted once per list and key (sortCache): the name order
// and the one on screen inside the List command, any other the first time
// `s` asks for it, in a command. The index is built inside the List command,
// off the Update goroutine, and never changes after that: filter commands
// read it from other goroutines while Update runs. A revoke makes a new
// index (without) sharing what did not change.
type Index struct {
	tokens   []client.Token
	haystack string     // lower-cased name and IPs per token, each field ending in NUL
	starts   []int32    // token i's part is haystack[starts[i]:starts[i+1]]
	masks    []charMask // characters of token i's part, to skip searching it
	lowerIDs []string
	rowKeys  []string // RowKey of each token: the ID, or profile and ID
	profiles int      // distinct profiles the tokens are on (0: none named)
	names    []string // lower-cased names: views of the haystack
	facets   []string // distinct lower-cased sets of shared fields, tagged (writeFacet)
	facetOf  []int32  // token -> index into facets
	facetRep []int32  // facet -> a token that has it
	// sorts holds each order with its ranks (a token's position in it):
	// rows in an order are ascending in its ranks (removing tokens keeps
	// that), so a token's row is found by binary search, not a scan of
	// 100 000 rows. lives are this index's orders without its tombstones.
	sorts   *sortCache
	lives   *liveOrders
	derived *derivedCache      // catalog words and parsed ranges, made when a filter needs them
	byID    idTable            // by RowKey
	sameID  map[string][]int32 // the other tokens of a row key more than one has (a server's mistake)
	gone    []bool             // tombstones: revoked since the build
	live    int
	fields  presentFields
	idBytes [256]bool // every byte that occurs in some lower-cased ID
	// scratch hands each filter computation its own buffers: several may
	// run at once (one per keystroke typed faster than they finish).
	scratch *sync.Pool
}

// filterScratch is one computation's working memory.
type filterScratch struct {
	mark     []bool // per token: matches the query
	facetHit []bool // per facet: contains the query
}

// presentFields records which optional fields any token uses, so the table
// shows a Role or Projects column only for providers that have them.
type presentFields struct {
	scopes, role, projects, environment, allowedIPs, secret, lastUsed, createdBy, owner, profile bool
}

// Fields says which optional fields the listed tokens use.
type Fields struct {
	Scopes, Role, Projects, Environment, AllowedIPs, Secret, LastUsed, CreatedBy, Owner, Profile bool
}

// Fields is which optional fields any listed token uses (none before a
// list has arrived).
func (t *Model) Fields() Fields {
	f := t.fields()
	return Fields{f.scopes, f.role, f.projects, f.environment, f.allowedIPs, f.secret, f.lastUsed, f.createdBy, f.owner, f.profile}
}

// lowerName is token i's lower-cased name.
func (ix *Index) lowerName(i int32) string { return ix.names[i] }

// fieldWriter is what fields are written into: a strings.Builder for what
// is kept, a bytes.Buffer for what is only looked up.
type fieldWriter interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// writeField appends one lower-cased field and its NUL terminator. Fields
// are NUL-separated so a query never matches across two of them; a query
// cannot contain NUL (it is sanitised).
func writeField(b fieldWriter, s string) {
	b.WriteString(textsort.Lower(s))
	b.WriteByte(0)
}

// Tags start each field of a facet, so a prefixed term (scope:, role:…)
// can tell which field it found its text in. A query never holds one:
// Sanitize drops control characters.
const (
	tagScope byte = iota + 1
	tagRole
	tagProject
	tagEnv
	tagBy
	tagOwner
	tagProfile
)

// writeFacet writes the fields tokens tend to share, tagged, with the
// words the table shows for them: "read-only" scopes, "all" projects.
func writeFacet(b fieldWriter, t *client.Token) {
	for _, s := range t.Scopes {
		writeTagged(b, tagScope, s)
	}
	if tokenfmt.ReadOnly(t.Scopes) && len(t.Scopes) > 0 {
		writeTagged(b, tagScope, "read-only")
	}
	if t.Role != "" {
		writeTagged(b, tagRole, t.Role)
	}
	for _, s := range t.Projects {
		writeTagged(b, tagProject, s)
		if s == "*" {
			writeTagged(b, tagProject, "all")
		}
	}
	if t.Environment != "" {
		writeTagged(b, tagEnv, t.Environment)
		if t.Environment == "*" {
			writeTagged(b, tagEnv, "all")
		}
	}
	if t.CreatedBy != "" {
		writeTagged(b, tagBy, t.CreatedBy)
	}
	if t.Owner != "" { // a service account's tokens share it: filter by it
		writeTagged(b, tagOwner, t.Owner)
	}
	if t.Profile != "" { // a profile's tokens share it: filter by it
		writeTagged(b, tagProfile, t.Profile)
	}
}

func writeTagged(b fieldWriter, tag byte, s string) {
	b.WriteByte(tag)
	writeField(b, s)
}

// sanitizeToken strips escape sequences from every string of t; lists
// already found clean by identity (clean) are not looked at again.
func sanitizeToken(t *client.Token, clean cleanLists) {
	t.ID = client.Sanitize(t.ID)
	t.Name = client.Sanitize(t.Name)
	t.Role = client.Sanitize(t.Role)
	t.Environment = client.Sanitize(t.Environment)
	t.CreatedBy = client.Sanitize(t.CreatedBy)
	t.Secret = client.Sanitize(t.Secret)
	t.SecretNote = client.Sanitize(t.SecretNote)
	t.Owner = client.Sanitize(t.Owner)
	t.Profile = client.Sanitize(t.Profile)
	t.Scopes = clean.sanitize(t.Scopes)
	t.AllowedIPs = clean.sanitize(t.AllowedIPs)
	t.Projects = clean.sanitize(t.Projects)
}

// cleanLists are the string lists found clean, by identity: tokens share
// a handful of scope lists, each a dozen scopes that need looking at only
// once.
type cleanLists map[samelist.ID]struct{}

// maxCleanLists bounds what a part remembers: a list of tokens that
// share nothing costs what it did without.
const maxCleanLists = 256

func (c cleanLists) sanitize(ss []string) []string {
	if len(ss) < 3 { // cheaper to look at than to look up
		return sanitizeList(ss)
	}
	id := samelist.Of(ss)
	if _, ok := c[id]; ok {
		return ss
	}
	out := sanitizeList(ss)
	if samelist.Of(out) == id && len(c) < maxCleanLists { // unchanged: clean
		c[id] = struct{}{}
	}
	return out
}

// sanitizeList sanitises a slice without writing into the caller's backing
// array unless something actually changes (a provider may share slices
// between tokens, like the emulator's scope presets).
func sanitizeList(ss []string) []string {
	for i, s := range ss {
		if c := client.Sanitize(s); c != s {
			out := slices.Clone(ss)
			for j := i; j < len(out); j++ {
				out[j] = client.Sanitize(out[j])
			}
			return out
		}
	}
	return ss
}

// or adds the fields of another part of the list.
func (f *presentFields) or(g presentFields) {
	f.scopes, f.role, f.projects = f.scopes || g.scopes, f.role || g.role, f.projects || g.projects
	f.environment, f.allowedIPs, f.secret = f.environment || g.environment, f.allowedIPs || g.allowedIPs, f.secret || g.secret
	f.lastUsed, f.createdBy, f.owner = f.lastUsed || g.lastUsed, f.createdBy || g.createdBy, f.owner || g.owner
	f.profile = f.profile || g.profile
}

func (f *presentFields) note(t *client.Token) {
	f.scopes = f.scopes || len(t.Scopes) > 0
	f.role = f.role || t.Role != ""
	f.projects = f.projects || len(t.Projects) > 0
	f.environment = f.environment || t.Environment != ""
	f.allowedIPs = f.allowedIPs || len(t.AllowedIPs) > 0
	f.secret = f.secret || t.Secret != "" || t.SecretNote != ""
	f.lastUsed = f.lastUsed || !t.LastUsedAt.IsZero()
	f.createdBy = f.createdBy || t.CreatedBy != ""
	f.owner = f.owner || t.Owner != ""
	f.profile = f.profile || t.Profile != ""
}

// Contains reports whether the list holds a token with this row key
// (RowKey; revoked ones are gone).
func (ix *Index) Contains(id string) bool {
	if ix == nil {
		return false
	}
	i, ok := ix.byID.index(id)
	return ok && !ix.gone[i]
}

// Live is a copy of the tokens not revoked since the build, in storage
// order: linear, for a command (find) rather than Update.
func (ix *Index) Live() []client.Token {
	if ix == nil {
		return nil
	}
	out := make([]client.Token, 0, ix.live)
	for i := range ix.tokens {
		if !ix.gone[i] {
			out = append(out, ix.tokens[i])
		}
	}
	return out
}

// Len is the number of tokens not revoked since the build.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return ix.live
}

// findSameIDs records the tokens byID does not point at: those of a row
// key a server sent more than once (an ID twice in one profile's list).
func (ix *Index) findSameIDs() {
	ix.sameID = map[string][]int32{}
	for i := range ix.tokens {
		key := ix.rowKeys[i]
		if j, _ := ix.byID.index(key); j != int32(i) {
			ix.sameID[key] = append(ix.sameID[key], int32(i))
		}
	}
}

// withID is every token with this row key, revoked ones too: one, unless
// a server sent an ID twice.
func (ix *Index) withID(id string) []int32 {
	i, ok := ix.byID.index(id)
	if !ok {
		return nil
	}
	return append([]int32{i}, ix.sameID[id]...)
}

// without is the index minus the tokens with these row keys (tombstoned, and
// dropped from the sort orders without a re-sort), and how many it removed.
// ix itself is left as it was: a filter command may be reading it.
func (ix *Index) without(ids []string) (*Index, int) {
	var gone []bool
	removed := 0
	for _, id := range ids {
		for _, i := range ix.withID(id) {
			if ix.gone[i] || gone != nil && gone[i] {
				continue
			}
			if gone == nil {
				gone = slices.Clone(ix.gone)
			}
			gone[i] = true
			removed++
		}
	}
	if removed == 0 {
		return ix, 0
	}
	next := *ix
	next.gone = gone
	next.live -= removed
	next.lives = &liveOrders{}
	return &next, removed
}
