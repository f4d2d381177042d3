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

// DefaultVersion is SQL Server 2014 SP3 (12.0.6024.0) Developer Edition,
// a version Lync Server 2013 Persistent Chat supports.
func DefaultVersion() Version {
	return Version{Major: 12, Minor: 0, Build: 6024, Level: "SP3", Year: 2014,
		Edition: "Developer Edition (64-bit)", EngineEdition: 3}
}

// ProductVersion is SERVERPROPERTY('ProductVersion'): "12.0.6024.0".
func (v Version) ProductVersion() string {
	return fmt.Sprintf("%d.%d.%d.0", v.Major, v.Minor, v.Build)
}

// String is @@VERSION: the SQL Server 2014 layout, saying it is the pcsh
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
