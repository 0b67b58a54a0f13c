package form

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// The owner section: who a new token belongs to and acts as (a Border0
// service account or connector), from the catalog's Owners. With
// OwnerSetsRole a token with an owner takes its role from it, so the role
// section steps aside while one is picked.

// noOwner is the id of the catalog's "no owner" choice; a real owner id is
// never empty.
const noOwner = ""

func newOwnerField(cat client.Catalog) choiceField {
	f := choiceField{label: cat.OwnerLabel, picked: map[string]bool{}}
	if f.label == "" {
		f.label = "Owner"
	}
	if len(cat.Owners) == 0 {
		return f
	}
	if cat.OwnerNone != "" {
		// Picked at the start: what a token is when nothing says otherwise.
		f.items = append(f.items, choiceItem{id: noOwner, label: "none", desc: client.Sanitize(cat.OwnerNone)})
		f.picked[noOwner] = true
	}
	for _, o := range cat.Owners {
		if o.ID == noOwner {
			continue
		}
		// By its name alone: an owner's id is the provider's handle (a
		// connector's UUID), not something to read.
		label := client.Sanitize(o.Label)
		if label == "" {
			label = client.Sanitize(o.ID)
		}
		f.items = append(f.items, choiceItem{id: o.ID, label: label, desc: client.Sanitize(o.Description)})
	}
	return f
}

// pickedOwner is the id of the picked owner; "" for none (or none picked).
func (m Model) pickedOwner() string { return m.owner.first() }

// ownerPicked reports whether anything, "none" included, is picked.
func (m Model) ownerPicked() bool { return len(m.owner.chosen()) > 0 }

// roleFromOwner: the picked owner decides the role, so the role section
// is not asked.
func (m Model) roleFromOwner() bool {
	return m.cat.OwnerSetsRole && m.pickedOwner() != noOwner
}

// ownerLabel is the picked owner as listed ("ci-bot").
func (m Model) ownerLabel() string {
	for _, it := range m.owner.items {
		if it.id == m.pickedOwner() && m.owner.picked[it.id] {
			return it.label
		}
	}
	return ""
}

// roleFromOwnerSummary is the role section's header while the owner
// decides the role.
func (m Model) roleFromOwnerSummary() string {
	return theme.FormHint.Render("from " + m.ownerLabel() + ", its owner")
}

func (m *Model) updateOwner(msg tea.KeyMsg) {
	if m.updateChoice(secOwner, msg) && m.roleFromOwner() {
		m.role.picked = map[string]bool{} // the owner's role applies
		delete(m.localErrs, secRole)
		delete(m.serverErrs, secRole)
	}
}
