package fake

// Demo is the three emulators --demo runs in-process, seeded with realistic
// tokens. Its state lives in memory and is gone when it closes.
type Demo struct {
	GoodAccess *GoodAccess
	Border0    *Border0
	Unleash    *Unleash
}

// DemoEndpoint is one emulator as a profile needs it. Provider is the kind
// string client.Provider.Kind reports ("goodaccess", "border0", "unleash").
type DemoEndpoint struct {
	Name       string
	Provider   string
	URL        string
	AdminToken string
}

// StartDemo starts all three emulators on loopback. clock pins their time
// (nil: the wall clock). On error, whatever started is stopped again.
func StartDemo(clock Clock) (*Demo, error) {
	d := &Demo{}
	var err error
	if d.GoodAccess, err = NewGoodAccess(GoodAccessOptions{Clock: clock}); err != nil {
		return nil, err
	}
	if d.Border0, err = NewBorder0(Border0Options{Clock: clock}); err != nil {
		d.Close()
		return nil, err
	}
	if d.Unleash, err = NewUnleash(UnleashOptions{Clock: clock}); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Endpoints lists the emulators in the order the demo offers them, each
// with the secret of its seeded all-powerful admin token.
func (d *Demo) Endpoints() []DemoEndpoint {
	return []DemoEndpoint{
		{Name: "demo-goodaccess", Provider: "goodaccess", URL: d.GoodAccess.URL, AdminToken: d.GoodAccess.AdminToken},
		{Name: "demo-border0", Provider: "border0", URL: d.Border0.URL, AdminToken: d.Border0.AdminToken},
		{Name: "demo-unleash", Provider: "unleash", URL: d.Unleash.URL, AdminToken: d.Unleash.AdminToken},
	}
}

// Close stops every emulator that was started. It is safe to call twice.
func (d *Demo) Close() {
	if d == nil {
		return
	}
	if d.GoodAccess != nil {
		d.GoodAccess.Close()
		d.GoodAccess = nil
	}
	if d.Border0 != nil {
		d.Border0.Close()
		d.Border0 = nil
	}
	if d.Unleash != nil {
		d.Unleash.Close()
		d.Unleash = nil
	}
}
