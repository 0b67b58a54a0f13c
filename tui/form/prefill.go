package form

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// RotateOptions returns base with everything needed to rotate t: the same
// name with "-rotated-<date>" (editable), the same permissions and IPs, and
// the same lifetime length from now. base supplies Now, Location and size.
func RotateOptions(t client.Token, base Options) Options {
	now := time.Now
	if base.Now != nil {
		now = base.Now
	}
	loc := base.Location
	if loc == nil {
		loc = time.Local
	}
	o := base
	o.Title = "Rotate " + client.Sanitize(t.Name)
	o.Prefill = &client.NewToken{
		Name:        freeName(RotatedName(client.Sanitize(t.Name), now().In(loc)), base.NameTaken),
		Scopes:      append([]string(nil), t.Scopes...),
		Role:        t.Role,
		Projects:    append([]string(nil), t.Projects...),
		Environment: t.Environment,
		AllowedIPs:  append([]string(nil), t.AllowedIPs...),
		Owner:       t.OwnerID,
	}
	o.Lifetime, o.NoExpiry = 0, false
	switch {
	case t.NeverExpires(): // not an invalid expiry: that one is unknown
		o.NoExpiry = true
	case !t.CreatedAt.IsZero() && t.ExpiresAt.After(t.CreatedAt):
		o.Lifetime = t.ExpiresAt.Sub(t.CreatedAt)
	}
	return o
}

var rotatedSuffix = regexp.MustCompile(`-rotated-\d{4}-\d{2}-\d{2}(-\d+)?$`)

// RotatedName is name with "-rotated-<YYYY-MM-DD>"; a name rotated before
// gets its suffix replaced rather than another one appended.
func RotatedName(name string, now time.Time) string {
	return rotatedSuffix.ReplaceAllString(name, "") + "-rotated-" + now.Format("2006-01-02")
}

// freeName is name, or name-2, name-3… when taken says it is in use: a
// token rotated twice in a day gets a name of its own.
func freeName(name string, taken func(string) bool) string {
	if taken == nil || !taken(name) {
		return name
	}
	for i := 2; i < 1000; i++ {
		if n := name + "-" + strconv.Itoa(i); !taken(n) {
			return n
		}
	}
	return name // the review warns that it is taken
}

// applyPrefill starts the form from req. What the catalog cannot take is
// left out and said so in the review, never dropped silently.
func (m *Model) applyPrefill(req client.NewToken) {
	m.name.input.SetValue(req.Name)
	m.name.input.CursorEnd()

	var unknown []string
	for _, s := range req.Scopes {
		if m.scopes.known(s) {
			m.scopes.selected[s] = true
		} else if m.has(secScopes) {
			unknown = append(unknown, s)
		}
	}
	if len(unknown) > 0 {
		m.prefillNote = append(m.prefillNote, "scopes not offered by this server, left out: "+strings.Join(unknown, ", "))
	}
	// Unfold the groups that hold the carried-over scopes, so they are seen.
	for g := range m.scopes.groups {
		if sel, _ := m.scopes.groupCount(g); sel > 0 {
			m.scopes.collapsed[g] = false
		}
	}

	if req.Owner != "" && m.has(secOwner) {
		m.owner.picked = map[string]bool{}
		m.prefillChoice(secOwner, []string{req.Owner})
	}
	if req.Role != "" && m.has(secRole) && !m.roleFromOwner() {
		m.prefillChoice(secRole, []string{req.Role})
	}
	if len(req.Projects) > 0 && m.has(secProjects) {
		m.projects.picked = map[string]bool{}
		m.prefillChoice(secProjects, req.Projects)
	}
	if req.Environment != "" && m.has(secEnvironment) {
		m.prefillChoice(secEnvironment, []string{req.Environment})
	}

	if m.has(secIPs) {
		for _, ip := range req.AllowedIPs {
			if !m.ips.add(ip) {
				m.prefillNote = append(m.prefillNote, "allowed IP left out: "+m.ips.note)
			}
		}
		m.ips.note = ""
	}
}

func (m *Model) prefillChoice(sec section, ids []string) {
	f := m.choice(sec)
	var missing []string
	for _, id := range ids {
		ok := false
		for _, it := range m.visible(sec) {
			if strings.EqualFold(it.id, id) && it.disabled == "" {
				f.picked[it.id] = true
				ok = true
			}
		}
		if !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		m.prefillNote = append(m.prefillNote, strings.ToLower(m.label(sec))+" not available here, pick again: "+strings.Join(missing, ", "))
	}
	if sec == secProjects && f.picked[allID] && len(f.picked) > 1 {
		f.picked = map[string]bool{allID: true}
	}
}
