package exec

import (
	"math/big"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// sysVar evaluates an @@ function.
func (r *run) sysVar(name string) (value, error) {
	s := r.s
	switch strings.ToUpper(name) {
	case "@@SERVERNAME":
		return value{s.h.inst.Name(), nvarchar(128)}, nil
	case "@@SERVICENAME":
		return value{instanceName(s.h.inst.Name(), "MSSQLSERVER"), nvarchar(128)}, nil
	case "@@VERSION":
		return value{s.h.cfg.Version.String(), nvarchar(300)}, nil
	case "@@MICROSOFTVERSION":
		return value{int64(s.h.cfg.Version.loginAck()), intT()}, nil
	case "@@SPID":
		return value{int64(s.eng.SPID()), smallintT()}, nil
	case "@@ROWCOUNT":
		return value{s.rowcount, intT()}, nil
	case "@@ERROR":
		return value{int64(s.lastError), intT()}, nil
	case "@@TRANCOUNT":
		return value{int64(s.eng.TranCount()), intT()}, nil
	case "@@IDENTITY":
		return r.identity(), nil
	}
	return r.sessionVar(name)
}

// sessionVar evaluates the @@ functions describing session settings.
func (r *run) sessionVar(name string) (value, error) {
	switch strings.ToUpper(name) {
	case "@@LANGUAGE":
		return value{"us_english", nvarchar(128)}, nil
	case "@@LANGID", "@@NESTLEVEL", "@@PROCID":
		return value{int64(0), smallintT()}, nil
	case "@@LOCK_TIMEOUT":
		return value{int64(-1), intT()}, nil
	case "@@TEXTSIZE":
		return value{int64(2147483647), intT()}, nil
	case "@@MAX_PRECISION":
		return value{int64(38), tinyintT()}, nil
	case "@@DATEFIRST":
		return value{int64(7), tinyintT()}, nil
	case "@@OPTIONS":
		return value{r.s.opts.bits(), intT()}, nil
	case "@@MAX_CONNECTIONS":
		return value{int64(32767), intT()}, nil
	}
	return value{}, engine.Raise(195, name, "built-in function name")
}

// bits is @@OPTIONS: the user options bit mask (SET options reference).
func (o options) bits() int64 {
	flags := map[string]int64{"IMPLICIT_TRANSACTIONS": 2, "CURSOR_CLOSE_ON_COMMIT": 4, "ANSI_WARNINGS": 8,
		"ANSI_PADDING": 16, "ANSI_NULLS": 32, "ARITHABORT": 64, "ARITHIGNORE": 128, "QUOTED_IDENTIFIER": 256,
		"NOCOUNT": 512, "ANSI_NULL_DFLT_ON": 1024, "ANSI_NULL_DFLT_OFF": 2048, "CONCAT_NULL_YIELDS_NULL": 4096,
		"NUMERIC_ROUNDABORT": 8192, "XACT_ABORT": 16384}
	var n int64
	for name, bit := range flags {
		if o.recorded[name] == "ON" {
			n |= bit
		}
	}
	return n
}

// instanceName returns the part of server\instance after the backslash,
// or def for a default instance.
func instanceName(server string, def any) any {
	if _, inst, ok := strings.Cut(server, `\`); ok {
		return inst
	}
	return def
}

// serverProperty is SERVERPROPERTY(name) as sql_variant; an unknown name
// gives NULL, as on SQL Server.
func (r *run) serverProperty(name string) value {
	h := r.s.h
	v := h.cfg.Version
	server := h.inst.Name()
	machine, _, _ := strings.Cut(server, `\`)
	props := map[string]any{
		"productversion": v.ProductVersion(), "productlevel": v.Level, "edition": v.Edition,
		"engineedition": int64(v.EngineEdition), "servername": server, "machinename": machine,
		"computernamephysicalnetbios": machine, "instancename": instanceName(server, nil),
		"ishadrenabled": int64(0), "isclustered": int64(0), "isintegratedsecurityonly": int64(0),
		"issingleuser": int64(0), "collation": "SQL_Latin1_General_CP1_CI_AS",
		"productmajorversion": itoa(int64(v.Major)), "productminorversion": itoa(int64(v.Minor)),
		"productbuild": itoa(int64(v.Build)), "buildclrversion": "v4.0.30319", "isfulltextinstalled": int64(0),
		"hadrmanagerstatus": nil, "editionid": int64(-2117995310), "licensetype": "DISABLED",
	}
	return value{props[strings.ToLower(strings.TrimSpace(name))], variantT()}
}

// tdsDecimalInt wraps an integer as numeric(38, 0).
func tdsDecimalInt(n int64) sqltype.Decimal { return sqltype.Decimal{Unscaled: big.NewInt(n)} }
