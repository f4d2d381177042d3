package exec

import "fmt"

// Version describes the SQL Server product the lab reports through
// @@VERSION, SERVERPROPERTY and LOGINACK.
type Version struct {
	Major, Minor, Build int
	Level               string // ProductLevel: "RTM", "SP3" …
	Year                int    // marketing year: 2014
	Edition             string // SERVERPROPERTY('Edition')
	EngineEdition       int    // SERVERPROPERTY('EngineEdition'): 3 for Enterprise/Developer
}

// DefaultVersion is SQL Server 2012 SP4 (11.0.7001.0) Enterprise Edition
// (64-bit): Lync Server 2013 Persistent Chat supports SQL Server 2008 R2 and
// 2012, Standard or Enterprise, 64-bit only. The engine writes the same
// version into backup headers.
func DefaultVersion() Version {
	return Version{Major: 11, Minor: 0, Build: 7001, Level: "SP4", Year: 2012,
		Edition: "Enterprise Edition (64-bit)", EngineEdition: 3}
}

// ProductVersion is SERVERPROPERTY('ProductVersion'): "11.0.7001.0".
func (v Version) ProductVersion() string {
	return fmt.Sprintf("%d.%d.%d.0", v.Major, v.Minor, v.Build)
}

// String is @@VERSION: the SQL Server 2012 layout, saying it is the pcsh
// lab.
func (v Version) String() string {
	return fmt.Sprintf("Microsoft SQL Server %d (%s) - %s (X64) \n\tpcsh lab emulator (not a real SQL Server) \n"+
		"\tCopyright (c) Microsoft Corporation\n\t%s on pcsh lab <X64>\n", v.Year, v.Level, v.ProductVersion(), v.Edition)
}

// loginAck packs the version as LOGINACK carries it: major, minor and a
// 16-bit build number.
func (v Version) loginAck() uint32 {
	return uint32(v.Major)<<24 | uint32(v.Minor)<<16 | uint32(v.Build)&0xFFFF
}
