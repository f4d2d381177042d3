package topology

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"pcsh/runtime/atomicfile"
	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Import-PcTopology",
		Synopsis: "Builds topology.lua from Get-CsTopology -AsXml output or a Topology Builder .tbxml file.",
		Description: "Reads the published topology (Get-CsTopology -AsXml, UTF-16LE with BOM as Windows PowerShell " +
			"writes it, or UTF-8 with or without BOM) or a .tbxml file, namespace-aware, and builds the topology " +
			"document: sites with their Front End pool, each Persistent Chat pool (PersistentChatService) with its " +
			"servers, port, next hop and file store, and the SQL stores of mgc and mgccomp with mirrors, witnesses, " +
			"backup stores and backup mirrors. How a real export records mirrors, witnesses, backup stores and the " +
			"mirroring port is unverified (no public sample has a Persistent Chat pool): those values are mapped by " +
			"the best-evidenced reading, each named in a warning and in the Unverified property. What the file " +
			"cannot say (the data center of each server, the SQL version and edition, ...) is listed in Unmapped " +
			"with the element's path and is supplied by -ServerSite, -SqlVersion, -SqlEdition or an -Override " +
			"file (a Lua or JSON fragment of the document, merged over the import). Active servers, pool state, " +
			"log shipping, schedules and thresholds are not in the topology; the override sets them. Without " +
			"-Destination nothing is written; the result object carries the document in its Document property. " +
			"With it the file is written after ShouldProcess (-WhatIf writes nothing), only when no required " +
			"field is missing and the document loads, and over an existing file only with -Force.",
		Output: "ImportResult",
		Impact: cmdlet.ImpactMedium,
		Examples: []cmdlet.Example{
			{Code: "Import-PcTopology ./topology.xml -Verbose",
				Remarks: "Names every unverified reading and every field the export does not say, with its element and how to supply it."},
			{Code: "Import-PcTopology ./topology.xml ./imported.lua -Override ./site.lua -SqlVersion 2012 -SqlEdition Enterprise -WhatIf",
				Remarks: "Shows the write without writing."},
			{Code: "Import-PcTopology ./topology.xml ./imported.lua -ServerSite @{'pc5.contoso.com'='DC2'} -Override ./site.lua -Force",
				Remarks: "Writes the document over an earlier import; compare it with Compare-PcTopology topology.lua imported.lua."},
		},
		Related: []string{"Compare-PcTopology", "Export-PcTopology", "Test-PcTopology"},
		New:     func() cmdlet.Cmdlet { return new(importTopology) },
	})
}

type importTopology struct {
	Path        string            `param:"position=0,mandatory" help:"The Get-CsTopology -AsXml output or .tbxml file."`
	Destination string            `param:"position=1" help:"The topology.lua to write; without it nothing is written and the document is in the result's Document property."`
	Override    string            `param:"" help:"A Lua or .json fragment of the topology document merged over the import (lists of named items merge by name or fqdn)."`
	ServerSite  *cmdlet.Hashtable `param:"" help:"The site of each chat server, @{'pc1.contoso.com'='DC1'; 'pc5.contoso.com'='DC2'}: the topology does not record it."`
	SqlVersion  string            `param:"set=2005|2008|2008R2|2012|2014|2016|2017|2019|2022" help:"The SQL Server version of every imported store (not in the topology)."`
	SqlEdition  string            `param:"set=Express|Web|Workgroup|Standard|Enterprise|Developer|Datacenter" help:"The SQL Server edition of every imported store (not in the topology)."`
}

// Process imports the file, reports what is unverified or unmapped and
// writes the document when asked.
func (c *importTopology) Process(ctx *cmdlet.Context) error {
	data, err := os.ReadFile(c.Path)
	if err != nil {
		return fileError(c.Path, "TopologyImportNotFound", err)
	}
	opts := ImportOptions{SqlVersion: c.SqlVersion, SqlEdition: c.SqlEdition, ServerSite: map[string]string{}}
	if c.ServerSite != nil {
		for i, k := range c.ServerSite.Keys {
			opts.ServerSite[strings.ToLower(k)] = fmt.Sprint(c.ServerSite.Values[i])
		}
	}
	var override *docTable
	if c.Override != "" {
		if override, err = readOverride(ctx, c.Override); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fileError(c.Override, "TopologyOverrideNotFound", err)
			}
			return cmdlet.Errorf(cmdlet.CategoryInvalidData, "TopologyOverrideInvalid", c.Override,
				"The override file %s is not valid: %w", c.Override, err)
		}
	}
	res, _, err := Import(ctx, c.Path, data, opts, override)
	if err != nil {
		return importRecord(c.Path, err)
	}
	reportImport(ctx, res)
	if c.Destination != "" {
		if err := c.write(ctx, res); err != nil {
			return err
		}
	}
	ctx.WriteObject(res)
	return nil
}

// write writes the document to -Destination: complete, not over an
// existing file without -Force, after ShouldProcess.
func (c *importTopology) write(ctx *cmdlet.Context, res *ImportResult) error {
	if len(res.missing()) > 0 {
		return importRecord(c.Path, incompleteError(res)).
			WithHint("supply each field with the parameter named, or in an -Override file; nothing was written to %s", c.Destination)
	}
	if _, err := os.Stat(c.Destination); err == nil && !ctx.Force() {
		return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "TopologyImportExists", c.Destination,
			"%s exists already; nothing was written.", c.Destination).WithHint("pass -Force to replace it")
	}
	if !ctx.ShouldProcess(c.Destination, "Write the topology document imported from "+c.Path) {
		return nil
	}
	if err := atomicfile.WriteFileAtomic(c.Destination, []byte(res.Document), 0o600); err != nil {
		return cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "TopologyImportWriteFailed", c.Destination, "Cannot write %s: %w.", c.Destination, err)
	}
	res.Destination, res.Written = c.Destination, true
	return nil
}

// reportImport warns of each unverified reading and each required field
// still missing, and sums up the optional ones.
func reportImport(ctx *cmdlet.Context, res *ImportResult) {
	if res.ChatPools == 0 {
		ctx.WriteWarning("%s holds no Persistent Chat pool (no PersistentChatService); PersistentChatWeb components of Front End pools are not one.", res.Path)
	}
	var fields []string
	for _, m := range res.Unverified {
		if m.OverriddenBy == "" {
			fields = append(fields, m.Field)
			ctx.WriteVerbose("Unverified reading: %s = %s, from %s: %s.", m.Field, m.Value, m.Element, m.Reading)
		}
	}
	if len(fields) > 0 {
		ctx.WriteWarning("%d values were mapped by readings the topology notes mark unverified (no public export shows how "+
			"Persistent Chat HA/DR is recorded; confirm them with Get-CsService -PersistentChatServer). The Unverified "+
			"property lists each with its element: %s.", len(fields), strings.Join(fields, ", "))
	}
	optional := 0
	for _, g := range res.Unmapped {
		switch {
		case g.SuppliedBy != "":
			ctx.WriteVerbose("%s supplied by %s.", g.Field, g.SuppliedBy)
		case g.Required:
			ctx.WriteWarning("Unmapped: %s (%s): %s; supply with %s.", g.Field, g.Element, g.Reason, g.Supply)
		default:
			optional++
			ctx.WriteVerbose("Not mapped: %s (%s): %s.", g.Field, g.Element, g.Reason)
		}
	}
	if optional > 0 {
		ctx.WriteWarning("%d optional fields are not in the file; the document's defaults apply (the Unmapped property lists them).", optional)
	}
}

// importRecord turns an import failure into an error record with its id.
func importRecord(path string, err error) *cmdlet.ErrorRecord {
	var ie *ImportError
	if !errors.As(err, &ie) {
		return cmdlet.Errorf(cmdlet.CategoryInvalidData, ImportInvalid, path, "Cannot import %s: %w", path, err)
	}
	rec := cmdlet.Errorf(cmdlet.CategoryInvalidData, ie.ID, path, "Cannot import %s: %w", path, ie.Err)
	switch ie.ID {
	case ImportEncoding:
		rec.WithHint("save the export with a byte order mark: Out-File (Windows PowerShell's default, UTF-16LE) or -Encoding utf8")
	case ImportSyntax:
		rec.WithHint("export it again: (Get-CsTopology -AsXml).ToString() | Out-File topology.xml")
	case ImportNamespace:
		rec.WithHint("pass Get-CsTopology -AsXml output or a Topology Builder .tbxml file")
	}
	return rec
}

// fileError reports a file that cannot be read.
func fileError(path, id string, err error) *cmdlet.ErrorRecord {
	if errors.Is(err, fs.ErrNotExist) {
		return cmdlet.Errorf(cmdlet.CategoryObjectNotFound, id, path, "%s does not exist.", path)
	}
	return cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "TopologyImportUnreadable", path, "Cannot read %s: %w.", path, err)
}

var _ cmdlet.Cmdlet = (*importTopology)(nil)
