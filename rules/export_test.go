package rules

// SetTestRule adds a rule to the registry for a test and returns the
// function that removes it.
func SetTestRule(r *Rule) func() {
	saved := registry
	registry = append(append([]*Rule(nil), registry...), r)
	return func() { registry = saved }
}
