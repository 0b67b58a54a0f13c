package clipboard

import (
	"errors"
	"io"
	"os"

	atotto "github.com/atotto/clipboard"
	osc52 "github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/x/term"
)

// Atotto is the system clipboard through github.com/atotto/clipboard, which
// runs pbcopy, xclip, xsel, wl-copy, termux or clip.exe, whichever exists.
type Atotto struct{}

var errNoTool = errors.New("no clipboard tool found (install xclip, xsel or wl-clipboard)")

// Write implements SystemBackend.
func (Atotto) Write(text string) error {
	if atotto.Unsupported {
		return errNoTool
	}
	return atotto.WriteAll(text)
}

// Read implements SystemBackend.
func (Atotto) Read() (string, error) {
	if atotto.Unsupported {
		return "", errNoTool
	}
	return atotto.ReadAll()
}

// TerminalWriter finds where to send OSC 52. Bubble Tea draws on stdout, so
// stdout is the terminal, but writing there races its renderer's buffer.
// stderr is the same terminal in the ordinary case and Bubble Tea leaves it
// alone; but stderr may be redirected to a log file, and the sequence carries
// the secret, so stderr is used only when it is a terminal. Otherwise the
// controlling terminal /dev/tty is opened for writing. If neither exists
// there is no terminal and OSC 52 is off: we never write the secret anywhere
// that is not a terminal.
func TerminalWriter() (io.Writer, error) {
	if term.IsTerminal(os.Stderr.Fd()) {
		return os.Stderr, nil
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		return nil, errors.New("neither stderr nor /dev/tty is a terminal")
	}
	if !term.IsTerminal(tty.Fd()) {
		tty.Close()
		return nil, errors.New("/dev/tty is not a terminal")
	}
	return tty, nil
}

func newOSC52(secret string) osc52.Sequence { return osc52.New(secret) }
