package topology

// ImportMapping is one value Import-PcTopology read by a reading the
// topology notes mark unverified (no public export shows it): the field it
// filled, the value, the element it came from and the reading used.
type ImportMapping struct {
	Field   string // the document path, as Compare-PcTopology names it
	Value   string
	Element string // the XML element, e.g. /Topology/Services/Service[7]/DependsOn/Dependency[4]
	Reading string // what was read, and which open question (Q1…Q6) it depends on
	// OverriddenBy is -Override when the override file set the field.
	OverriddenBy string
}

// ImportGap is one field Import-PcTopology could not map from the file:
// the field, the element it would come from, why, and how to supply it.
// A required gap must be supplied before the document can be written.
type ImportGap struct {
	Field      string
	Element    string
	Reason     string
	Required   bool
	Supply     string // the parameter or override key that supplies it
	SuppliedBy string // -ServerSite, -SqlVersion, -SqlEdition or -Override once supplied
}

// ImportResult is what Import-PcTopology writes: the source, the document
// it built (Lua), the unverified mappings and the unmapped fields.
type ImportResult struct {
	Path        string
	Dialect     string // Published (Get-CsTopology -AsXml) or TopologyBuilder (.tbxml)
	Encoding    string
	Sites       int
	ChatPools   int
	SqlStores   int
	Destination string // the file written, or "" for none
	Written     bool
	Unverified  []ImportMapping
	Unmapped    []ImportGap
	Document    string // the topology document, as Lua
}

// DefaultView names the properties shown by default.
func (ImportResult) DefaultView() []string {
	return []string{"Path", "Dialect", "ChatPools", "SqlStores", "Destination", "Written"}
}

// missing returns the required gaps nothing supplied.
func (r *ImportResult) missing() []ImportGap {
	var out []ImportGap
	for _, g := range r.Unmapped {
		if g.Required && g.SuppliedBy == "" {
			out = append(out, g)
		}
	}
	return out
}
