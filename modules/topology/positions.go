package topology

import (
	"fmt"
	"strings"

	"github.com/yuin/gopher-lua/ast"
	"github.com/yuin/gopher-lua/parse"
)

// positions maps a field path such as chatPools[1].servers[2].site to the
// source line where it is written. It covers documents that return a table
// constructor, directly or through a local; other fields fall back to the
// nearest enclosing path that has a line.
type positions map[string]int

// findPositions parses src and records the line of every literal field of
// the returned table. A parse error leaves the map empty: loading reports
// it.
func findPositions(name, src string) positions {
	pos := positions{}
	chunk, err := parse.Parse(strings.NewReader(src), name)
	if err != nil {
		return pos
	}
	if tbl := returnedTable(chunk); tbl != nil {
		pos[""] = tbl.Line()
		pos.walk(tbl, "")
	}
	return pos
}

// returnedTable finds the table constructor the chunk returns.
func returnedTable(chunk []ast.Stmt) *ast.TableExpr {
	if len(chunk) == 0 {
		return nil
	}
	ret, ok := chunk[len(chunk)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Exprs) != 1 {
		return nil
	}
	switch e := ret.Exprs[0].(type) {
	case *ast.TableExpr:
		return e
	case *ast.IdentExpr:
		return localTable(chunk, e.Value)
	}
	return nil
}

func localTable(chunk []ast.Stmt, name string) *ast.TableExpr {
	var found *ast.TableExpr
	for _, st := range chunk {
		la, ok := st.(*ast.LocalAssignStmt)
		if !ok {
			continue
		}
		for i, n := range la.Names {
			if n == name && i < len(la.Exprs) {
				found, _ = la.Exprs[i].(*ast.TableExpr)
			}
		}
	}
	return found
}

func (p positions) walk(tbl *ast.TableExpr, prefix string) {
	index := 0
	for _, f := range tbl.Fields {
		path := ""
		line := f.Value.Line()
		switch k := f.Key.(type) {
		case nil:
			index++
			path = fmt.Sprintf("%s[%d]", prefix, index)
		case *ast.StringExpr:
			path = joinPath(prefix, k.Value)
			if k.Line() > 0 {
				line = k.Line()
			}
		default:
			continue
		}
		p[path] = line
		if sub, ok := f.Value.(*ast.TableExpr); ok {
			p.walk(sub, path)
		}
	}
}

// line returns the line of path or of its nearest enclosing path, 0 when
// none is known.
func (p positions) line(path string) int {
	for {
		if l, ok := p[path]; ok {
			return l
		}
		if path == "" {
			return 0
		}
		path = parentPath(path)
	}
}

func joinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}
