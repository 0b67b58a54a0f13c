//go:build race

package goodaccess

// raceEnabled lets timing tests allow for the race detector's slowdown.
const raceEnabled = true
