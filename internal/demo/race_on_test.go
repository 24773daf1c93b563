//go:build race

package demo_test

// raceSlowdown stretches time limits under the race detector, which
// makes the code several times slower.
const raceSlowdown = 5
