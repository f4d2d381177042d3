package topology

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// The error ids of Import-PcTopology's bad input.
const (
	ImportEncoding   = "TopologyImportEncoding"   // UTF-16 without a BOM, or bytes neither UTF-8 nor UTF-16
	ImportSyntax     = "TopologyImportSyntax"     // not well-formed XML (truncated, …)
	ImportNamespace  = "TopologyImportNamespace"  // a root element neither dialect has
	ImportStructure  = "TopologyImportStructure"  // a dialect's structure is broken (a Cluster without ClusterId, …)
	ImportInvalid    = "TopologyImportInvalid"    // the document built (with the override) does not load
	ImportIncomplete = "TopologyImportIncomplete" // required fields remain unmapped
)

// ImportError is a failure to import a topology file, with its error id.
type ImportError struct {
	ID  string
	Err error
}

func (e *ImportError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *ImportError) Unwrap() error { return e.Err }

// maxImportBytes bounds the input file.
const maxImportBytes = maxXMLBytes

// Import reads a topology file (Get-CsTopology -AsXml output or a Topology
// Builder .tbxml) and builds the pcsh topology document from it, with the
// override merged over it. The result lists every unverified reading and
// every field it could not map; when no required field is missing, the
// document is loaded and returned too.
func Import(ctx context.Context, name string, data []byte, opts ImportOptions, override *docTable) (*ImportResult, *Topology, error) {
	if len(data) > maxImportBytes {
		return nil, nil, &ImportError{ImportSyntax, fmt.Errorf("%s is larger than %d MiB", name, maxImportBytes>>20)}
	}
	text, enc, err := xmlText(data)
	if err != nil {
		return nil, nil, &ImportError{ImportEncoding, err}
	}
	root, err := parseXMLTree(text)
	if err != nil {
		return nil, nil, &ImportError{ImportSyntax, err}
	}
	var g *xgraph
	switch root.name {
	case xmlName(nsTopology, "Topology"):
		g, err = readPublished(root)
	case xmlName(nsTopologyBuilder, "TopologyBuilder"):
		g, err = readTopologyBuilder(root)
	default:
		return nil, nil, &ImportError{ImportNamespace, errDialect(root)}
	}
	if err != nil {
		return nil, nil, &ImportError{ImportStructure, err}
	}
	res := &ImportResult{Path: name, Dialect: g.dialect, Encoding: enc}
	m := &mapper{g: g, opts: opts, res: res}
	doc := m.document()
	if override != nil {
		mergeDoc(doc, override)
		markOverridden(doc, res)
	}
	res.Document = doc.lua(header(res))
	if len(res.missing()) > 0 {
		return res, nil, nil
	}
	t, err := Parse(ctx, filepath.Base(name)+".lua", res.Document)
	if err != nil {
		return res, nil, &ImportError{ImportInvalid, err}
	}
	return res, t, nil
}

// markOverridden records which gaps and readings the override decided.
func markOverridden(doc *docTable, res *ImportResult) {
	for i, g := range res.Unmapped {
		if _, ok := doc.lookup(g.Field); ok && g.SuppliedBy == "" {
			res.Unmapped[i].SuppliedBy = "-Override"
		}
	}
	for i, mp := range res.Unverified {
		if v, ok := doc.lookup(mp.Field); !ok || fmt.Sprint(v) != mp.Value {
			res.Unverified[i].OverriddenBy = "-Override"
		}
	}
}

// header is the comment block at the top of an imported document.
func header(res *ImportResult) []string {
	h := []string{
		fmt.Sprintf("Imported by Import-PcTopology from %s (%s, %s).", filepath.Base(res.Path), res.Dialect, res.Encoding),
		"Not in the topology (notes section 6): active servers, the pool state, time zones, log shipping,",
		"schedules and thresholds; set them here or in an -Override file.",
	}
	var lines []string
	for _, m := range res.Unverified {
		if m.OverriddenBy == "" {
			lines = append(lines, "  "+m.Field+" = "+m.Value+"  <- "+m.Element)
		}
	}
	if len(lines) > 0 {
		h = append(h, "Unverified readings (no public export shows them; confirm with Get-CsService -PersistentChatServer):")
		h = append(h, lines...)
	}
	if miss := res.missing(); len(miss) > 0 {
		h = append(h, "Unmapped required fields (supply them with -ServerSite, -SqlVersion, -SqlEdition or -Override):")
		for _, g := range miss {
			h = append(h, "  "+g.Field+"  <- "+g.Element)
		}
	}
	return h
}

// incompleteError lists the required fields nothing supplied.
func incompleteError(res *ImportResult) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d required fields of the topology document are not in %s:", len(res.missing()), filepath.Base(res.Path))
	for _, g := range res.missing() {
		fmt.Fprintf(&b, "\n  %s (%s): %s; supply with %s", g.Field, g.Element, g.Reason, g.Supply)
	}
	return &ImportError{ImportIncomplete, errors.New(b.String())}
}
