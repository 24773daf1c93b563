//go:build !race

package demo_test

// raceSlowdown stretches time limits under the race detector.
const raceSlowdown = 1
