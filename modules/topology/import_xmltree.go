package topology

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The namespaces of the two topology dialects (notes: topology-xml.md §1).
const (
	nsTopologyBuilder = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"
	nsWritable        = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008"
	nsTopology        = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"
	nsServiceRoles    = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008"
)

// Bounds on what the reader accepts, so a hostile file costs little.
const (
	maxXMLBytes = 64 << 20
	maxXMLDepth = 64
	maxXMLNodes = 500000
)

// xnode is one element of a topology file with its resolved name, its
// attributes, its text and its path (/Topology/Clusters/Cluster[3]).
type xnode struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []*xnode
	text  string
	path  string
}

// listItems are the element names whose path carries their position.
var listItems = map[string]bool{"CentralSite": true, "Cluster": true, "Machine": true, "SqlInstance": true,
	"Service": true, "Dependency": true, "Port": true, "RemoteSite": true, "InternalDomain": true}

// parseXMLTree reads an XML document into a tree of namespaced elements.
// Declared encodings other than UTF-8 and UTF-16 (already transcoded by
// xmlText) are errors.
func parseXMLTree(text []byte) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "unicode", "us-ascii":
			return r, nil // xmlText has transcoded the bytes already
		}
		return nil, fmt.Errorf("the declared encoding %q is not supported (UTF-8 or UTF-16)", label)
	}
	var root *xnode
	var stack []*xnode
	counts := []map[string]int{{}}
	nodes := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlSyntaxError(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if nodes++; nodes > maxXMLNodes || len(stack) >= maxXMLDepth {
				return nil, errors.New("the document is too large or too deeply nested")
			}
			if root != nil && len(stack) == 0 {
				return nil, errors.New("the document has more than one root element")
			}
			n := &xnode{name: t.Name, attrs: t.Attr}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1].path
			}
			c := counts[len(counts)-1]
			c[t.Name.Local]++
			n.path = parent + "/" + t.Name.Local
			if listItems[t.Name.Local] {
				n.path += fmt.Sprintf("[%d]", c[t.Name.Local])
			}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.kids = append(top.kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
			counts = append(counts, map[string]int{})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			counts = counts[:len(counts)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("the file holds no XML element")
	}
	return root, nil
}

// xmlSyntaxError names the line of a syntax error; a document that ends
// early says so.
func xmlSyntaxError(d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Msg, "unexpected EOF") {
			return fmt.Errorf("the XML ends early at line %d (truncated?)", se.Line)
		}
		return fmt.Errorf("XML syntax error at line %d: %s", se.Line, se.Msg)
	}
	line, _ := d.InputPos()
	return fmt.Errorf("XML error at line %d: %v", line, err)
}

// attr returns the value of the attribute with this local name (attributes
// of these dialects carry no namespace).
func (n *xnode) attr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// hasAttr reports whether the attribute is present, even empty.
func (n *xnode) hasAttr(local string) bool {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return true
		}
	}
	return false
}

// child returns the first child element with this namespace and local
// name, or nil (also on a nil node).
func (n *xnode) child(space, local string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name.Space == space && k.name.Local == local {
			return k
		}
	}
	return nil
}

// children returns the child elements with this namespace and local
// name; none on a nil node, so a missing list reads as empty.
func (n *xnode) children(space, local string) []*xnode {
	if n == nil {
		return nil
	}
	var out []*xnode
	for _, k := range n.kids {
		if k.name.Space == space && k.name.Local == local {
			out = append(out, k)
		}
	}
	return out
}

// under follows a chain of child elements in one namespace; nil when one
// is missing.
func (n *xnode) under(space string, locals ...string) *xnode {
	for _, l := range locals {
		if n == nil {
			return nil
		}
		n = n.child(space, l)
	}
	return n
}

func xmlName(space, local string) xml.Name { return xml.Name{Space: space, Local: local} }
