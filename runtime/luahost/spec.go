package luahost

import (
	"errors"
	"fmt"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/ast"
)

// errNoHeader is a chunk whose first statement is not a cmdlet{...} call.
var errNoHeader = errors.New("no cmdlet{...} header")

// specExprError is a cmdlet{...} table that is not made of constants,
// with the line of the offending expression.
type specExprError struct {
	line int
	what string
}

func (e *specExprError) Error() string {
	return fmt.Sprintf("%s on line %d would have to run; cmdlet{...} takes constants only (strings, numbers, booleans and tables of them)", e.what, e.line)
}

// headerSpec returns the table of the cmdlet{...} call that is the
// chunk's first statement, built from the literal in the parsed source:
// describing a runbook runs none of its code, so a runbook that loops or
// blocks cannot hang the shell that lists it. line is the call's line.
func headerSpec(chunk []ast.Stmt) (spec *lua.LTable, line int, err error) {
	if len(chunk) == 0 {
		return nil, 0, errNoHeader
	}
	call := cmdletCall(chunk[0])
	if call == nil {
		return nil, chunk[0].Line(), errNoHeader
	}
	switch len(call.Args) {
	case 0:
		return newTable(), call.Line(), nil
	case 1:
		t, ok := call.Args[0].(*ast.TableExpr)
		if !ok {
			return nil, call.Line(), &specExprError{call.Args[0].Line(), "the argument of cmdlet, not a table literal,"}
		}
		spec, err := constTable(t)
		return spec, call.Line(), err
	}
	return nil, call.Line(), fmt.Errorf("cmdlet takes one table, not %d arguments", len(call.Args))
}

// cmdletCall returns the cmdlet(...) call of `cmdlet{...}`,
// `local args = cmdlet{...}` or `args = cmdlet{...}`, or nil.
func cmdletCall(st ast.Stmt) *ast.FuncCallExpr {
	var e ast.Expr
	switch s := st.(type) {
	case *ast.FuncCallStmt:
		e = s.Expr
	case *ast.LocalAssignStmt:
		if len(s.Exprs) == 1 {
			e = s.Exprs[0]
		}
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	call, ok := e.(*ast.FuncCallExpr)
	if !ok || call.Receiver != nil {
		return nil
	}
	if id, ok := call.Func.(*ast.IdentExpr); ok && id.Value == "cmdlet" {
		return call
	}
	return nil
}

// constTable builds a table from a table constructor whose keys and
// values are constants.
func constTable(t *ast.TableExpr) (*lua.LTable, error) {
	tb := newTable()
	n := 0
	for _, f := range t.Fields {
		v, err := constValue(f.Value)
		if err != nil {
			return nil, err
		}
		if f.Key == nil {
			n++
			tb.RawSetInt(n, v)
			continue
		}
		k, err := constValue(f.Key)
		if err != nil {
			return nil, err
		}
		if k == lua.LNil {
			return nil, fmt.Errorf("a table key on line %d is nil", f.Key.Line())
		}
		tb.RawSet(k, v)
	}
	return tb, nil
}

// constValue evaluates a constant expression: a literal, a negated number,
// a concatenation of constants or a table of them.
func constValue(e ast.Expr) (lua.LValue, error) {
	switch x := e.(type) {
	case *ast.StringExpr:
		return lua.LString(x.Value), nil
	case *ast.NumberExpr:
		return lua.LVAsNumber(lua.LString(x.Value)), nil
	case *ast.TrueExpr:
		return lua.LTrue, nil
	case *ast.FalseExpr:
		return lua.LFalse, nil
	case *ast.NilExpr:
		return lua.LNil, nil
	case *ast.TableExpr:
		return constTable(x)
	case *ast.UnaryMinusOpExpr:
		v, err := constValue(x.Expr)
		if n, ok := v.(lua.LNumber); ok && err == nil {
			return -n, nil
		}
		return nil, &specExprError{e.Line(), "a negation of something other than a number"}
	case *ast.StringConcatOpExpr:
		return concat(x)
	}
	return nil, &specExprError{e.Line(), "an expression"}
}

// concat evaluates a .. b of string or number constants.
func concat(x *ast.StringConcatOpExpr) (lua.LValue, error) {
	var s string
	for _, side := range []ast.Expr{x.Lhs, x.Rhs} {
		v, err := constValue(side)
		if err != nil {
			return nil, err
		}
		if t := v.Type(); t != lua.LTString && t != lua.LTNumber {
			return nil, &specExprError{side.Line(), "a concatenation of something other than strings and numbers"}
		}
		s += v.String()
	}
	return lua.LString(s), nil
}

// newTable returns an empty table that needs no Lua state.
func newTable() *lua.LTable { return &lua.LTable{Metatable: lua.LNil} }
