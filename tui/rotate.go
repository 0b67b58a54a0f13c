package tui

import "github.com/tokentui/tokentui/client"

// rotateKeptMsg: the person chose to keep the old token of a rotate.
type rotateKeptMsg struct{ old client.Token }

// confirmRotateRevoke is the last step of a rotate: the new token exists and
// its secret has been shown; now, and only now, the old one may go. Saying
// no keeps it, since whatever uses it may not have the new secret yet.
func confirmRotateRevoke(old client.Token) *confirmDialog {
	return newConfirm(question{
		title:   "Revoke the old token now?",
		targets: []client.Token{old},
		consequence: []string{
			"The new token is created and its secret was shown.",
			"Anything still using the old one stops working at once.",
		},
		yesHelp: "revoke the old token",
		noHelp:  "keep it",
		yes:     revokeConfirmedMsg{targets: []client.Token{old}},
		no:      rotateKeptMsg{old: old},
	})
}
