package exec

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// maxDepth limits nested dynamic SQL, as SQL Server's 32 nesting levels.
const maxDepth = 32

// child returns a run for nested dynamic SQL: same session and writer,
// its own variables.
func (r *run) child() *run {
	c := newRun(r.s, r.ctx, r.w)
	c.depth, c.proc, c.inTry = r.depth+1, r.proc, r.inTry
	return c
}

// execDynamic runs EXEC ('…') in its own variable scope.
func (r *run) execDynamic(e tsql.Expr) error {
	v, err := r.eval(e, nil)
	if err != nil {
		return err
	}
	c := r.child()
	if c.depth > maxDepth {
		return unsupported("dynamic SQL nested more than 32 levels")
	}
	return c.runText(toText(v, -1))
}

// runText parses and runs a nested batch; its errors were reported
// already unless a TRY block is waiting for them.
func (r *run) runText(sql string) error {
	b, err := r.s.h.parsed.parse(sql)
	if err != nil {
		return parseError(err)
	}
	err = r.execList(b.Stmts)
	var fe flowError
	if errors.Is(err, errBatchAborted) || errors.As(err, &fe) {
		return nil
	}
	return err
}

// spExecuteSQL is sp_executesql @stmt [, @params, @p1 = v1 …]: the
// statement runs with the declared parameters as its variables, and
// OUTPUT parameters are copied back.
func (r *run) spExecuteSQL(args []*procArg) (int32, error) {
	stmt := arg(args, "@stmt", 0, "statement")
	if stmt == nil || stmt.val.v == nil {
		return 0, engine.Raise(201, "sp_executesql", "@stmt")
	}
	c := r.child()
	decls, err := c.declareParams(args)
	if err != nil {
		return 0, err
	}
	if err := c.bindParams(decls, args); err != nil {
		return 0, err
	}
	if err := c.runText(toText(stmt.val, -1)); err != nil {
		return 0, err
	}
	for _, d := range decls {
		if a := namedArg(args, d.name); a != nil && a.output {
			a.val, _ = c.variable(d.name)
		}
	}
	return 0, nil
}

// paramDecl is one declared sp_executesql parameter.
type paramDecl struct {
	name   string
	output bool
}

// outputWord matches OUTPUT/OUT after a parameter type.
var outputWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\s+(OUTPUT|OUT)\s*(,|$)`) })

// declareParams declares the variables listed in @params.
func (r *run) declareParams(args []*procArg) ([]paramDecl, error) {
	p := arg(args, "@params", 1, "params")
	if p == nil || p.val.v == nil || strings.TrimSpace(toText(p.val, -1)) == "" {
		return nil, nil
	}
	text := toText(p.val, -1)
	decl := text
	if strings.Contains(strings.ToLower(text), "out") {
		decl = outputWord().ReplaceAllString(text, "$2")
	}
	b, err := r.s.h.parsed.parse("DECLARE " + decl)
	if err != nil || len(b.Stmts) != 1 {
		return nil, parseError(err)
	}
	st, ok := b.Stmts[0].(*tsql.DeclareStmt)
	if !ok {
		return nil, unsupported("sp_executesql @params " + text)
	}
	if err := r.declare(st); err != nil {
		return nil, err
	}
	decls := make([]paramDecl, len(st.Vars))
	for i, v := range st.Vars {
		decls[i] = paramDecl{name: v.Name}
	}
	return decls, nil
}

// bindParams assigns the parameter values, by name or by position after
// @stmt and @params.
func (r *run) bindParams(decls []paramDecl, args []*procArg) error {
	pos := 2
	for _, d := range decls {
		a := namedArg(args, d.name)
		if a == nil && pos < len(args) && args[pos].name == "" {
			a = args[pos]
		}
		pos++
		if a == nil {
			return engine.Raise(8178, "", d.name)
		}
		if err := r.assign(d.name, a.val); err != nil {
			return err
		}
	}
	return nil
}

// namedArg finds an argument by its name.
func namedArg(args []*procArg, name string) *procArg {
	for _, a := range args {
		if strings.EqualFold(a.name, name) {
			return a
		}
	}
	return nil
}
