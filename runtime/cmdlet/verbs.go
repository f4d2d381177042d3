package cmdlet

import "sort"

// Verb is one approved PowerShell verb.
type Verb struct {
	Name        string
	Group       string
	Mutating    bool
	Description string
}

// approvedVerbs are the PowerShell approved verbs the domain needs, with
// their groups as Get-Verb reports them.
var approvedVerbs = []Verb{
	{"Add", "Common", true, "Adds a resource to a container, or attaches an item to another item"},
	{"Backup", "Data", true, "Stores data by replicating it"},
	{"Clear", "Common", true, "Removes all the resources from a container but does not delete the container"},
	{"Compare", "Data", false, "Evaluates the data from one resource against the data from another resource"},
	{"ConvertFrom", "Data", false, "Converts one primary type of input (the cmdlet noun indicates the input) to one or more supported output types"},
	{"ConvertTo", "Data", false, "Converts from one or more types of input to a primary output type"},
	{"Out", "Data", true, "Sends data out of the environment"},
	{"Disable", "Lifecycle", true, "Configures a resource to an unavailable or inactive state"},
	{"Enable", "Lifecycle", true, "Configures a resource to an available or active state"},
	{"Export", "Data", false, "Encapsulates the primary input into a persistent data store"},
	{"Format", "Common", false, "Arranges objects in a specified form or layout"},
	{"Get", "Common", false, "Specifies an action that retrieves a resource"},
	{"Import", "Data", true, "Creates a resource from data that is stored in a persistent data store"},
	{"Install", "Lifecycle", true, "Places a resource in a location, and optionally initializes it"},
	{"Invoke", "Lifecycle", true, "Performs an action, such as running a command or a method"},
	{"New", "Common", true, "Creates a resource"},
	{"Remove", "Common", true, "Deletes a resource from a container"},
	{"Restart", "Lifecycle", true, "Stops an operation and then starts it again"},
	{"Restore", "Data", true, "Sets a resource to a predefined state, such as a state set by a checkpoint"},
	{"Resume", "Lifecycle", true, "Starts an operation that has been suspended"},
	{"Select", "Common", false, "Locates a resource in a container"},
	{"Set", "Common", true, "Replaces data on an existing resource or creates a resource that contains some data"},
	{"Show", "Common", false, "Makes a resource visible to the user"},
	{"Connect", "Communications", true, "Creates a link between a source and a destination"},
	{"Disconnect", "Communications", true, "Breaks the link between a source and a destination"},
	{"Copy", "Common", true, "Copies a resource to another name or to another container"},
	{"Measure", "Diagnostic", false, "Identifies resources that are consumed by a specified operation, or retrieves statistics about a resource"},
	{"Repair", "Diagnostic", true, "Restores a resource to a usable condition"},
	{"Reset", "Common", true, "Sets a resource back to its original state"},
	{"Update", "Data", true, "Brings a resource up-to-date to maintain its state, accuracy, conformance, or compliance"},
	{"Watch", "Common", false, "Continually inspects or monitors a resource for changes"},
	{"Sort", "Common", false, "Arranges data in an order"},
	{"Start", "Lifecycle", true, "Initiates an operation"},
	{"Stop", "Lifecycle", true, "Discontinues an activity"},
	{"Suspend", "Lifecycle", true, "Pauses an activity"},
	{"Sync", "Data", true, "Assures that two or more resources are in the same state"},
	{"Test", "Diagnostic", false, "Verifies the operation or consistency of a resource"},
	{"Uninstall", "Lifecycle", true, "Removes a resource from an indicated location"},
	{"Wait", "Lifecycle", false, "Pauses an operation until a specified event occurs"},
	{"Write", "Communications", false, "Adds information to a target"},
}

// Verbs returns the approved verbs sorted by name.
func Verbs() []Verb {
	out := append([]Verb(nil), approvedVerbs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LookupVerb returns the approved verb with this exact name.
func LookupVerb(name string) (Verb, bool) {
	for _, v := range approvedVerbs {
		if v.Name == name {
			return v, true
		}
	}
	return Verb{}, false
}
