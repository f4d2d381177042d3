package topology

import (
	"context"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// evalTimeout bounds how long a document may run: it is data, so a loop
// that does not end is a mistake, not a long computation.
const evalTimeout = 5 * time.Second

// Load reads and decodes the topology document at path.
func Load(ctx context.Context, path string) (*Topology, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(ctx, path, string(src))
}

// Parse decodes a topology document; name is the file name used in
// messages. A defective document gives a *LoadError listing every problem.
func Parse(ctx context.Context, name, src string) (*Topology, error) {
	L := newSandbox()
	defer L.Close()
	v, err := evaluate(ctx, L, name, src)
	if err != nil {
		return nil, &LoadError{Problems: []Problem{luaProblem(name, err)}}
	}
	d := &decoder{file: name, pos: findPositions(name, src)}
	t := d.topology(v)
	if len(d.problems) > 0 {
		return nil, &LoadError{Problems: d.problems}
	}
	t.Path = name
	return t, nil
}

// newSandbox opens base, table, string and math, without anything that
// reaches files, the process or the shell's cmdlets.
func newSandbox() *lua.LState {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	for _, open := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(open.fn))
		L.Push(lua.LString(open.name))
		L.Call(1, 0)
	}
	for _, name := range []string{"dofile", "loadfile", "require", "module", "print", "collectgarbage"} {
		L.SetGlobal(name, lua.LNil)
	}
	return L
}

// evaluate runs the document and returns the value it returns.
func evaluate(ctx context.Context, L *lua.LState, name, src string) (lua.LValue, error) {
	ctx, cancel := context.WithTimeout(ctx, evalTimeout)
	defer cancel()
	L.SetContext(ctx)
	fn, err := L.Load(strings.NewReader(src), name)
	if err != nil {
		return nil, err
	}
	L.Push(fn)
	if err := L.PCall(0, 1, nil); err != nil {
		if ctx.Err() != nil {
			return nil, errors.New("the document did not finish within " + evalTimeout.String())
		}
		return nil, err
	}
	return L.Get(-1), nil
}

// problemLines are the shapes of a Lua syntax error and of a run-time
// error, compiled on the first problem.
var problemLines = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{regexp.MustCompile(`line:(\d+)\(column:\d+\) (.*)`), regexp.MustCompile(`^[^\n]*?:(\d+): (.*)`)}
})

// luaProblem turns a Lua syntax or run-time error into a problem with its
// line.
func luaProblem(name string, err error) Problem {
	msg := err.Error()
	var api *lua.ApiError
	if errors.As(err, &api) && api.Object != nil {
		msg = api.Object.String()
	}
	msg, _, _ = strings.Cut(msg, "\nstack traceback:")
	p := Problem{File: name, Message: msg}
	for _, re := range problemLines() {
		if m := re.FindStringSubmatch(msg); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			p.Message = strings.TrimSpace(m[2])
			break
		}
	}
	return p
}
