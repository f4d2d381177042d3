// Package sqldb holds what the lab knows of a database outside any one
// layer: its log sequence numbers, its recovery model and its files. The
// engine keeps them in its catalog and log, a backup set header records
// them (backupmedia), and mirroring and log shipping compare them, so
// they sit on the ground floor beside sqltype and bincode and import
// nothing of the engine.
package sqldb
