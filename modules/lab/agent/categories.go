package agent

import "strings"

// The job categories the lab knows, with msdb.dbo.syscategories' ids.
const (
	CategoryUncategorized = 0 // [Uncategorized (Local)]
	CategoryLogShipping   = 6 // Log Shipping
)

// CategoryID returns the category id of a @category_name (or the given
// @category_id), [Uncategorized (Local)] when unknown.
func CategoryID(name string, id any) int64 {
	if n, ok := id.(int64); ok {
		return n
	}
	if strings.EqualFold(name, "Log Shipping") {
		return CategoryLogShipping
	}
	return CategoryUncategorized
}

// CategoryName returns the name of a category id.
func CategoryName(id int64) string {
	if id == CategoryLogShipping {
		return "Log Shipping"
	}
	return "[Uncategorized (Local)]"
}
