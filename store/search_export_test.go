package store

// SetSearchIndexLimits sets the size from which Search uses the index and how much it indexes
// while the user waits, for the tests of store_test; it returns a func that restores them.
func SetSearchIndexLimits(min, syncMax int) func() {
	oldMin, oldMax := searchIndexMin, searchSyncMax
	searchIndexMin, searchSyncMax = min, syncMax
	return func() { searchIndexMin, searchSyncMax = oldMin, oldMax }
}
