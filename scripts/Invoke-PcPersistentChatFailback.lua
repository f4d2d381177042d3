--[[
.SYNOPSIS
Fails the Persistent Chat pool back to the primary data center: copies the backup database over the rebuilt primary, restores mirroring and log shipping, and returns the pool to Normal.

.DESCRIPTION
Implements Lync Server 2013, "Failing back Persistent Chat Server" (R4), with
the gaps the documentation leaves filled, each choice said here:

1. Clear the active servers (R4 step 1), so no Persistent Chat server writes
   to mgc while it moves. This empties the pool: a chat outage until the
   last step.
2. Remove mirroring on the backup database (R4 step 2, SSMS "Remove
   Mirroring" = ALTER DATABASE mgc SET PARTNER OFF). The copy left on the
   backup mirror stays RESTORING; the next failover replaces it.
3. Remove a mirroring session the rebuilt primary data center still holds
   (not in R4: a DC1 that comes back from an outage can still hold its old
   session, and SQL Server refuses RESTORE over a mirrored database). A
   writable copy there beside the backup (split brain) is reported; the
   pool keeps using the backup until step 6.
4. Remove the log shipping primary configuration the rebuilt primary data
   center still holds (not in R4 either): DC1's partners keep the
   configuration of the first set-up in msdb
   (log_shipping_primary_databases, log_shipping_primary_secondaries) and
   its backup job, which goes on taking log backups of whatever mgc the
   instance holds: of DC1's old copy into the share before the restore, of
   the restored copy after it, where one taken between the mirroring
   seed's full and log backups breaks the seed (4305). Remove-PcLogShipping
   -PrimaryOnly runs on each partner whose configuration does not ship to
   the backup as it is now (Install-PcPersistentChatHadr's criterion, in
   its help: R3 removed the backup's secondary side, so none of DC1's does)
   sp_delete_log_shipping_primary_secondary for each secondary it
   registers, then sp_delete_log_shipping_primary_database, which deletes
   the backup job; the backup's side is not touched, since it is the pool's
   live copy. A partner that does not answer is counted as holding one (its
   msdb is on its disk) and the step fails until it answers. A step of its
   own rather than part of step 3: it reads and changes msdb, not the
   database's mirroring, and a resumed run redoes neither because the other
   failed. Here, before the backup and the restore, so that no job of the
   old configuration runs while they and the set-up do.
5. A full backup of the backup database to the log shipping share (R4 step
   3), to one file named after the database (<share>\<db>_failback.bak,
   WITH INIT), so a resumed run finds it.
6. Restore it over the primary WITH REPLACE and RECOVERY (R4 step 4,
   "Overwrite the existing database" and "Leave the database ready to
   use"). It overwrites DC1's copy, so it needs -AllowDataLoss.
7. Set the pool state to Normal. R4 does not say whether this comes before
   or after the active servers; it comes here, while the active list is
   empty (no server connects to either database as the state changes) and
   before mirroring and log shipping are set up, because those name the
   primary store's pair only when the pool is Normal.
8. Re-establish L4, L5 and L6 (R4 step 5 names L5 and L6; mirroring of the
   primary is implied but not written): Install-PcPersistentChatHadr, which
   mirrors mgc inside DC1, re-initialises the secondary from a new full
   backup (RESTORE … WITH REPLACE over the backup's copy, so it also needs
   -AllowDataLoss, forwarded), and makes the primary and its mirror log
   shipping primaries again, with new configurations (step 4 removed the
   old ones).
9. Activate servers of the primary data center (R4 step 6), last: the
   servers come back to a mirrored, log-shipped database.

The end state is verified: mgc writable on the primary, SYNCHRONIZED with
its mirror and the witness, shipped to the backup (RESTORING there, so only
one writable copy), the pool Normal and its active servers in DC1. mgccomp:
R4 asks to remove its mirroring too; it is not log shipped, and with
compliance enabled the runbook says what the admin must do.

Each step checks first whether it is already done, so a run that failed can
be run again: it resumes where it stopped, and a run on a pool already failed
back changes nothing. -WhatIf prints every statement of every step.

.PARAMETER PoolFqdn
The Persistent Chat pool; default the topology's only pool.

.PARAMETER Database
The pool's database; default mgc.

.PARAMETER ActiveServers
The servers to activate; default up to four servers of the primary store's site.

.PARAMETER Interval
The log shipping job interval for the re-established log shipping; default the topology's schedules.

.PARAMETER SettleSeconds
How many seconds the Persistent Chat servers are given to notice the cleared active list and stop writing before the backup is taken (default 5; a server re-reads the list periodically, and a post acknowledged after the backup would be lost).

.PARAMETER AllowDataLoss
Allows overwriting the primary's copy of mgc with the backup's, and re-initialising the secondary. Required: the failback cannot run without it.

.EXAMPLE
Invoke-PcPersistentChatFailback -WhatIf
Prints the plan and every T-SQL statement and Management Shell line of every step, and changes nothing.

.EXAMPLE
Invoke-PcPersistentChatFailback -AllowDataLoss -Interval 2s -Force
Fails the lab's pool back without prompting, with two-second log shipping jobs.
]]
local args = cmdlet {
  impact = "High",
  params = {
    { "PoolFqdn", type = "string", help = "The Persistent Chat pool; default the topology's only pool." },
    { "Database", type = "string", default = "mgc", help = "The pool's database." },
    { "ActiveServers", type = "string[]", help = "The servers to activate; default up to four of the primary site." },
    { "Interval", type = "string", help = "The log shipping job interval; default the topology's schedules." },
    { "SettleSeconds", type = "number", default = 5, help = "Seconds the servers are given to stop writing once the active list is cleared." },
    { "AllowDataLoss", type = "switch", help = "Allows overwriting the primary's and the secondary's copies." },
  },
}

local hadr = require "pcsh.hadr"
local c = hadr.load(args)
local force = host.preference().Force
local db = c.db
hadr.require(c, { "primary", "backup" }, "R4 fails back from the backup store to the primary")

local wanted = hadr.siteServers(c, c.primary.site, args.ActiveServers)
local file = c.share .. "\\" .. db .. "_failback.bak"
local function primaryState() return hadr.database(c.primary.name, db) end
local function backupState() return hadr.database(c.backup.name, db) end

-- done: the failback has completed; every earlier step's check accepts it.
local function done()
  return hadr.poolState(c) == "Normal" and hadr.mirrored(primaryState(), "PRINCIPAL", c.mirror, c.witness)
    and hadr.logShippingSecondary(c.backup.name, db)
end

-- restoredFromBackup: the primary's copy is the latest full backup the
-- backup instance took of the database, recovered.
local function restoredFromBackup()
  local p = primaryState()
  if not hadr.writable(p) then return false, hadr.describe(c.primary.name, p) end
  local m = hadr.lastFullRestore(c.primary.name, db)
  local theirs = hadr.query(c.backup.name, [[
SELECT TOP 1 CONVERT(nvarchar(23), backup_finish_date, 121) AS finished FROM msdb.dbo.backupset
WHERE database_name = @db AND type = 'D' AND is_copy_only = 0 ORDER BY backup_set_id DESC]], { db = db })
  local t = theirs and theirs[1]
  if m and t and string.lower(tostring(m.server)) == string.lower(c.backup.name) and tostring(m.finished) == tostring(t.finished) then
    return true, c.primary.name .. " holds the backup of " .. t.finished
  end
  return false, c.primary.name .. " was not restored from the backup's latest full backup"
end

local rb = runbook{ key = c.fqdn }

rb:precondition{ "The primary data center is back", check = function()
  local p = primaryState()
  if p == nil then return hadr.no(c.primary.name .. " does not answer: rebuild the primary data center first") end
  if c.mirror and hadr.database(c.mirror.name, db) == nil then
    return hadr.no(c.mirror.name .. " does not answer: the failback re-establishes mirroring")
  end
  return hadr.ok(hadr.describe(c.primary.name, p))
end }

rb:precondition{ "The pool runs on the backup database, or this failback is under way", check = function()
  local state, b, p = hadr.poolState(c), backupState(), primaryState()
  if state == "FailedOver" then
    if b == nil then return hadr.no(c.backup.name .. " does not answer: the pool's database is unreachable") end
    if hadr.writable(p) and hadr.writable(b) then
      host.warning("Split brain: %s's copy of %s is writable beside %s's; the pool uses %s (FailedOver). " ..
        "The failback overwrites %s's copy with %s's.", c.primary.name, db, c.backup.name, c.backup.name, c.primary.name, c.backup.name)
    end
    return hadr.ok("FailedOver: " .. hadr.describe(c.backup.name, b))
  end
  if hadr.writable(p) then return hadr.ok("Normal, " .. hadr.describe(c.primary.name, p)) end
  return hadr.no("the pool is " .. tostring(state) .. " and " .. hadr.describe(c.primary.name, p) .. ": nothing to fail back")
end }

rb:precondition{ "Overwriting the primary's copy is allowed", check = function()
  if args.AllowDataLoss or done() then return hadr.ok("-AllowDataLoss") end
  return hadr.no("the failback restores the backup's " .. db .. " over " .. c.primary.name .. "'s WITH REPLACE and " ..
    "re-initialises the secondary, losing what those copies hold; re-run with -AllowDataLoss")
end }

rb:step{ "Clear the active servers (R4 step 1)",
  check = function()
    if #hadr.activeServers(c) == 0 then return hadr.ok("no active server") end
    if hadr.poolState(c) == "Normal" then return hadr.ok("the pool is Normal again") end
    return hadr.no("active: " .. table.concat(hadr.activeServers(c), ", "))
  end,
  action = function()
    Set_CsPersistentChatActiveServer{ Identity = c.identity, ActiveServers = {}, Force = force }
    -- the servers re-read the list: a post they acknowledge after the
    -- backup (step 5) would be lost
    if not host.whatif() then Start_Sleep{ Seconds = args.SettleSeconds } end
  end,
  verify = function() return hadr.eventually(30, function()
      if #hadr.activeServers(c) == 0 then return hadr.ok("no active server") end
      return hadr.no("active: " .. table.concat(hadr.activeServers(c), ", "))
    end) end }

rb:step{ "Remove mirroring on the backup database (R4 step 2)",
  check = function()
    local b = backupState()
    if b and b.role == nil then return hadr.ok(c.backup.name .. " has no mirroring session") end
    if done() then return hadr.ok("failed back") end
    return hadr.no(hadr.describe(c.backup.name, b))
  end,
  action = function()
    hadr.partnerOff(c.backup.name, db, force)
  end,
  verify = function() return hadr.eventually(30, function()
      local b = backupState()
      if b and b.role == nil then return hadr.ok("no session") end
      return hadr.no(hadr.describe(c.backup.name, b))
    end) end }

-- noneLeft is a probe over list, which returns what is stale and why:
-- done with detail when nothing is.
local function noneLeft(list, detail)
  return function()
    local stale, why = list()
    if #stale == 0 then return hadr.ok(detail) end
    return hadr.no(why)
  end
end

-- the partners in DC1 that hold a stale session, and why: an instance
-- that does not answer may hold one (its session is on its disk)
local function staleDC1()
  local stale, why = {}, {}
  for _, s in ipairs({ c.primary, c.mirror }) do
    local d = s and hadr.database(s.name, db)
    if s and (d == nil or d.role ~= nil) then
      table.insert(stale, s)
      table.insert(why, d and hadr.describe(s.name, d) or s.name .. " does not answer")
    end
  end
  return stale, table.concat(why, "; ")
end

rb:step{ "Remove the session the primary data center still holds (gap: R4 assumes rebuilt databases)",
  check = function()
    if done() or restoredFromBackup() then return hadr.ok("the primary holds the backup's copy") end
    return noneLeft(staleDC1, "no mirroring session in " .. c.primary.site)()
  end,
  -- SET PARTNER OFF reaches the other partner only over a connected
  -- session: after a partner that was not connected, the next is asked
  action = function()
    for _, s in ipairs((staleDC1())) do
      local d = hadr.database(s.name, db)
      if d == nil or d.role ~= nil then hadr.partnerOff(s.name, db, force) end
      if d and d.role ~= nil and d.mirrorState ~= "DISCONNECTED" then break end
    end
  end,
  verify = function() return hadr.eventually(30, noneLeft(staleDC1, "no session")) end }

-- the partners in DC1 whose log shipping primary configuration of db is
-- stale, each with the secondaries it registers, and why: a
-- configuration that does not ship to the backup as it is now
-- (hadr.logShippingPrimary), or an instance that does not answer (its
-- configuration is in its msdb). When the backup does not answer, a
-- configuration cannot be judged: the check fails rather than remove
-- one the set-up may have made.
local function staleShipping()
  local stale, why = {}, {}
  for _, s in ipairs({ c.primary, c.mirror }) do
    local cfg = s and hadr.primaryConfig(s.name, db)
    local ships, detail, unknown = false, s and s.name .. " does not answer", false
    if cfg and cfg.exists then ships, detail, unknown = hadr.logShippingPrimary(s.name, db, c.backup) end
    if unknown and cfg then
      host.throw{ Message = string.format("Cannot tell whether %s's log shipping configuration of %s is stale: %s.", s.name, db, detail),
        ErrorId = "BackupUnreachable", Category = "ConnectionError", Target = c.backup.name }
    end
    if s and (cfg == nil or (cfg.exists and not ships)) then
      table.insert(stale, { name = s.name, secondaries = cfg and cfg.secondaries or {} })
      table.insert(why, detail)
    end
  end
  return stale, table.concat(why, "; ")
end

-- Remove-PcLogShipping removes a configuration only with -Force. Checked
-- before step 1 empties the pool, so a run without -Force stops here with
-- nothing changed rather than at step 4 with no active server.
rb:precondition{ "Removing the primary data center's stale log shipping is allowed", check = function()
  if force or host.preference().WhatIf or done() then return hadr.ok("-Force") end
  local stale = staleShipping()
  if #stale == 0 then return hadr.ok("no stale log shipping primary in " .. c.primary.site) end
  local names = {}
  for _, s in ipairs(stale) do table.insert(names, s.name) end
  return hadr.no("step 4 removes the log shipping configuration " .. table.concat(names, " and ") ..
    " still hold from before the outage, which Remove-PcLogShipping does only with -Force; re-run with -Force")
end }

rb:step{ "Remove the log shipping primaries the primary data center still holds (gap: R4 assumes rebuilt databases)",
  check = noneLeft(staleShipping, "no stale log shipping primary in " .. c.primary.site),
  -- the primary side only: R3 removed the backup's secondary side, and
  -- the backup database is the pool's live copy
  action = function()
    for _, s in ipairs((staleShipping())) do
      local secondaries = {}
      for _, x in ipairs(s.secondaries) do table.insert(secondaries, x.server) end
      if #secondaries == 0 then secondaries = { c.backup.name } end
      Remove_PcLogShipping{ PrimaryInstance = s.name, SecondaryInstance = secondaries, Database = db, PrimaryOnly = true,
        Force = force }
    end
  end,
  verify = function() return hadr.eventually(30, noneLeft(staleShipping, "no stale configuration")) end }

rb:step{ "Back up the backup database to the log shipping share (R4 step 3)",
  check = function()
    if done() or restoredFromBackup() then return hadr.ok("the primary holds the backup's copy") end
    return hadr.no("no failback backup restored yet")
  end,
  action = function()
    Backup_PcDatabase{ SqlInstance = c.backup.name, Database = db, Type = "Full", Path = file, Init = true, Force = force }
  end }

rb:step{ "Restore it over the primary WITH REPLACE, RECOVERY (R4 step 4)",
  check = function()
    if done() then return hadr.ok("failed back") end
    return restoredFromBackup()
  end,
  action = function()
    Restore_PcDatabase{ SqlInstance = c.primary.name, Database = db, Path = { file }, Replace = true, Recovery = true,
      AllowDataLoss = args.AllowDataLoss, Force = force }
  end,
  verify = function() return hadr.eventually(30, restoredFromBackup) end }

rb:step{ "Set the pool state to Normal (R4; before the set-up, while no server is active)",
  check = function()
    if hadr.poolState(c) == "Normal" then return hadr.ok("Normal") end
    return hadr.no(tostring(hadr.poolState(c)))
  end,
  action = function()
    Set_CsPersistentChatState{ Identity = c.identity, PoolState = "Normal", Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      if hadr.poolState(c) == "Normal" then return hadr.ok("Normal") end
      return hadr.no("the pool state did not change")
    end) end }

rb:step{ "Re-establish mirroring and log shipping of the primary (L4, L5, L6)",
  check = function()
    if done() then return hadr.ok("mirrored, and shipping to " .. c.backup.name) end
    return hadr.no("not set up")
  end,
  action = function()
    Install_PcPersistentChatHadr{ PoolFqdn = c.fqdn, Database = db, Interval = args.Interval,
      DropExistingDatabasesOnMirror = true, AllowDataLoss = args.AllowDataLoss, Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      if done() then return hadr.ok("mirrored, and shipping to " .. c.backup.name) end
      return hadr.no(hadr.describe(c.primary.name, primaryState()))
    end) end }

hadr.activateStep(rb, c, "Activate servers of the primary data center (R4 step 6)", wanted, force)

local function verified()
  local p, b = primaryState(), backupState()
  if not hadr.mirrored(p, "PRINCIPAL", c.mirror, c.witness) then return hadr.no(hadr.describe(c.primary.name, p)) end
  if hadr.writable(b) then return hadr.no(c.backup.name .. "'s copy is still writable (two writable copies)") end
  if not hadr.logShippingSecondary(c.backup.name, db) then return hadr.no(c.backup.name .. " is not a log shipping secondary") end
  if hadr.poolState(c) ~= "Normal" then return hadr.no("the pool is not Normal") end
  if not hadr.sameSet(hadr.activeServers(c), wanted) then return hadr.no("the active servers are not " .. table.concat(wanted, ", ")) end
  return hadr.ok(string.format("%s PRINCIPAL SYNCHRONIZED on %s, shipped to %s, pool Normal, active %s", db,
    c.primary.name, c.backup.name, table.concat(wanted, ", ")))
end

rb:step{ "Verify the failback", check = verified, action = function() end,
  verify = function() return hadr.eventually(30, verified) end }

hadr.compliance(c, "log shipped or failed back (remove its mirroring on the backup as R4 step 2 asks)")
rb:run()
