package sqlserver

// StartError is an instance part that failed to start or close: the
// instance, the part ("open DIR", "SQL Server Agent", "database
// mirroring", "server principals", "close"; "" for the listener) and the
// cause.
type StartError struct {
	Instance string
	Part     string
	Err      error
}

// Error reads "lab instance NAME: PART: cause".
func (e *StartError) Error() string {
	if e.Part == "" {
		return "lab instance " + e.Instance + ": " + e.Err.Error()
	}
	return "lab instance " + e.Instance + ": " + e.Part + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *StartError) Unwrap() error { return e.Err }
