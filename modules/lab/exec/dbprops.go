package exec

import "pcsh/modules/lab/engine"

// fixedDatabaseProperties are the DATABASEPROPERTYEX properties that the
// lab's databases all share: the defaults of a SQL Server 2012 database
// created with the lab's one collation (SQL_Latin1_General_CP1_CI_AS),
// whose options the lab does not change (DATABASEPROPERTYEX documentation:
// ComparisonStyle 196609 is ignore case, kana and width; IsFulltextEnabled
// is always 1 for user databases; LCID and SQLSortOrder of the collation).
// Properties of later versions (IsAutoCreateStatisticsIncremental,
// IsClone, IsVerifiedClone, IsXTPSupported, IsMemoryOptimized…,
// LastGoodCheckDbTime) and of Azure SQL Database (Edition,
// MaxSizeInBytes, ServiceObjective, ServiceObjectiveId) are NULL, as on
// SQL Server 2012.
var fixedDatabaseProperties = map[string]int64{
	"comparisonstyle": 196609, "isansinulldefault": 0, "isansinullsenabled": 0, "isansipaddingenabled": 0,
	"isansiwarningsenabled": 0, "isarithmeticabortenabled": 0, "isautoclose": 0, "isautocreatestatistics": 1,
	"isautoshrink": 0, "isautoupdatestatistics": 1, "isclosecursorsoncommitenabled": 0, "isfulltextenabled": 1,
	"islocalcursorsdefault": 0, "ismergepublished": 0, "isnullconcat": 0, "isnumericroundabortenabled": 0,
	"isparameterizationforced": 0, "isquotedidentifiersenabled": 0, "ispublished": 0,
	"isrecursivetriggersenabled": 0, "issubscribed": 0, "issyncwithbackup": 0, "istornpagedetectionenabled": 0,
	"lcid": 1033, "sqlsortorder": 52,
}

// moreDatabaseProperty returns the DATABASEPROPERTYEX properties the
// lab's catalog does not hold per database: the fixed ones, and Version
// (706, SQL Server 2012's database version; NULL while the database has
// not started, that is, is not ONLINE). Unknown names are NULL.
func moreDatabaseProperty(info engine.DatabaseInfo, prop string) any {
	if prop == "version" {
		if info.State != engine.StateOnline {
			return nil
		}
		return int64(engine.DatabaseVersion)
	}
	if v, ok := fixedDatabaseProperties[prop]; ok {
		return v
	}
	return nil
}
