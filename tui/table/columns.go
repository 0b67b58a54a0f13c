package table

import (
	"slices"
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// columnID names a table column.
type columnID int

const (
	colName columnID = iota
	colProfile
	colID
	colScopes
	colRole
	colProjects
	colEnvironment
	colSecret
	colOwner
	colCreated
	colExpires
	colLastUsed
	colIPs
)

// column is one laid-out column. width excludes the gap after it.
type column struct {
	id       columnID
	title    string
	width    int
	priority int // higher survives longer when the terminal narrows
}

const (
	gutterWidth = 2 // cursor bar + mark flag
	rightMargin = 1 // the last column's text never touches the border
	columnGap   = 2
	nameMin     = 14
	nameComfort = 28 // most token names fit; longer ones are cut with …
)

// columnSpecs is every column the table can show, in display order, with its
// fixed width and how much it is worth keeping. Name takes what is left.
// Priorities: what a token IS (name) and when it dies (expires) outlive what
// it may do, which outlives where it came from.
//
// Which columns exist follows the provider's catalog (cat; nil until it has
// arrived), its capabilities and what the tokens use: no Allowed IPs column
// for an API that cannot restrict addresses, no Scopes column where nothing
// has scopes, no Last used column where the API does not say (a column of
// "never" would be a false claim). Data wins: a token that has IPs shows
// them.
func columnSpecs(f presentFields, cat *tokenfmt.Catalog, caps client.Capabilities) []column {
	cols := []column{{id: colName, title: "Name", priority: 100}}
	if f.profile {
		// Whose token it is, and where every action on it goes: it stays
		// as long as the name does.
		cols = append(cols, column{id: colProfile, title: "Profile", width: profileWidth, priority: 95})
	}
	cols = append(cols, column{id: colID, title: "ID", width: tokenfmt.ShortIDLen, priority: 60})
	if f.scopes || cat.HasScopes() || cat == nil && !f.role && !f.projects {
		cols = append(cols, column{id: colScopes, title: "Scopes", width: 16, priority: 80})
	}
	if f.role {
		cols = append(cols, column{id: colRole, title: cat.RoleLabel(), width: 10, priority: 80})
	}
	if f.projects {
		cols = append(cols, column{id: colProjects, title: "Projects", width: 14, priority: 55})
	}
	if f.environment {
		cols = append(cols, column{id: colEnvironment, title: "Env", width: 11, priority: 65})
	}
	if f.owner || cat.HasOwners() {
		// Who a token acts as (a service account): beside its role.
		cols = append(cols, column{id: colOwner, title: cat.OwnerLabel(), width: 14, priority: 70})
	}
	if f.secret {
		// Only the masked tail ("25ee…b1"): projects and environment have
		// columns of their own, and the detail pane shows the whole mask.
		// Narrow, it fits beside every Unleash column at 120 cells.
		cols = append(cols, column{id: colSecret, title: "Secret", width: secretTailWidth, priority: 20})
	}
	cols = append(cols,
		column{id: colCreated, title: "Created", width: len(tokenfmt.DateLayout), priority: 40},
		column{id: colExpires, title: "Expires", width: 16, priority: 90},
	)
	if f.lastUsed || caps.ReportsLastUse() {
		cols = append(cols, column{id: colLastUsed, title: "Last used", width: lastUsedWidth, priority: 55})
	}
	if f.allowedIPs || cat.CanRestrictIPs() {
		cols = append(cols, column{id: colIPs, title: "Allowed IPs", width: 19, priority: 50})
	}
	return cols
}

// profileWidth fits "prod · GoodAccess"; a longer label grows the column
// on a wide table, or is cut with ….
const profileWidth = 16

// secretTailWidth fits a masked tail: 4 characters, …, 2 (or 6 bullets).
const secretTailWidth = 8

// lastUsedWidth fits "11mo ago" and the title.
const lastUsedWidth = 9

// columnTitle is a column's title where no spec is at hand.
func columnTitle(id columnID, cat *tokenfmt.Catalog) string {
	for _, c := range columnSpecs(presentFields{scopes: true, role: true, projects: true, environment: true, allowedIPs: true, lastUsed: true, profile: true}, cat, client.Capabilities{}) {
		if c.id == id {
			return c.title
		}
	}
	return ""
}

func lower(s string) string { return strings.ToLower(s) }

// layoutColumns drops the least valuable columns until the rest fit width,
// then gives the name column everything left over.
func layoutColumns(width int, f presentFields, cat *tokenfmt.Catalog, caps client.Capabilities) []column {
	cols := columnSpecs(f, cat, caps)
	avail := width - gutterWidth - rightMargin
	// The name is what people read first: on a wide table it keeps a
	// readable width before optional columns are allowed to stay.
	nameMin := min(max(avail*3/10, nameMin), nameComfort-4)
	need := func() int {
		n := nameMin
		for _, c := range cols[1:] {
			n += columnGap + c.width
		}
		return n
	}
	for need() > avail && len(cols) > 1 {
		lowest := 1
		for i := 2; i < len(cols); i++ {
			if cols[i].priority < cols[lowest].priority {
				lowest = i
			}
		}
		cols = slices.Delete(cols, lowest, lowest+1)
	}
	// Share what is left: first the name up to a comfortable width, then
	// the columns whose values vary in length (IPv6 ranges, scope
	// summaries), then the name again.
	extra := avail - need()
	cols[0].width = nameMin
	grow := func(c *column, upTo int) {
		add := max(min(extra, upTo-c.width), 0)
		c.width += add
		extra -= add
	}
	growCol := func(id columnID, upTo int) {
		for i := range cols {
			if cols[i].id == id {
				grow(&cols[i], upTo)
			}
		}
	}
	growCol(colIPs, 22)     // "2001:db8:4f00::/48 +1" whole
	growCol(colProfile, 24) // "border0-main · Border0" whole
	grow(&cols[0], nameComfort)
	growCol(colScopes, 22)
	growCol(colIPs, 26)
	growCol(colProjects, 24)
	growCol(colOwner, 24)
	cols[0].width = max(cols[0].width+extra, 1)
	return cols
}
