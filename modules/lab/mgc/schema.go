package mgc

import (
	"context"
	"database/sql"
	"fmt"
)

// Database is the Persistent Chat content database name.
const Database = "mgc"

// schema is the DDL for the lab's mgc tables. Columns and types follow the
// Lync Server 2013 schema reference ("tblNode", "tblChat",
// "tblServerIdentity"); tblNode keeps only its leading documented columns.
var schema = []string{
	`CREATE TABLE dbo.tblNode (
		nodeID int NOT NULL PRIMARY KEY,
		nodeGuid uniqueidentifier NOT NULL,
		parentID int NULL,
		nodeType bit NOT NULL,
		nodeName nvarchar(256) NOT NULL,
		nodeDesc nvarchar(256) NOT NULL,
		disabled bit NOT NULL,
		behavior smallint NOT NULL,
		visibility smallint NOT NULL,
		nodeAddedBy int NOT NULL,
		nodeAddedOn bigint NOT NULL)`,
	`CREATE TABLE dbo.tblChat (
		channelId int NOT NULL,
		chatId bigint NOT NULL,
		chatDate bigint NOT NULL,
		userId int NOT NULL,
		isAlert bit NOT NULL,
		content nvarchar(max) NOT NULL,
		rtf varchar(max) NULL,
		CONSTRAINT PK_tblChat PRIMARY KEY (channelId, chatId))`,
	`CREATE TABLE dbo.tblServerIdentity (
		serverID int NOT NULL PRIMARY KEY,
		serverAddress nvarchar(256) NOT NULL,
		serverLastPingTime datetime NULL)`,
}

// Create makes the mgc database in FULL recovery (mirroring and log
// shipping need it) with its tables, a root category and one chat room.
func Create(ctx context.Context, db *sql.DB) error {
	stmts := append([]string{
		"CREATE DATABASE [mgc]",
		"ALTER DATABASE [mgc] SET RECOVERY FULL",
		"USE [mgc]",
	}, schema...)
	stmts = append(stmts,
		`INSERT INTO dbo.tblNode (nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, disabled, behavior, visibility, nodeAddedBy, nodeAddedOn)
		 VALUES (1, NEWID(), 1, 1, N'Root', N'Root category', 0, 4, 6, 1, 0),
		        (2, NEWID(), 1, 0, N'DR drill', N'Messages posted during the lab drill', 0, 4, 6, 1, 0)`)
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("create mgc: %s: %w", firstLine(s), err)
		}
	}
	return nil
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i]
		}
	}
	return s
}
