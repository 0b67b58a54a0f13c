//go:build !race

package goodaccess

const raceEnabled = false
