--[[
.SYNOPSIS
Fails the Persistent Chat pool over to the backup data center: recovers the log shipping secondary, switches the pool state, mirrors the new primary and activates the backup site's servers.

.DESCRIPTION
Implements Lync Server 2013, "Failing over Persistent Chat Server" (R3), all
seven steps, for the pool's database (mgc) and stores as the topology
document (PCSH_TOPOLOGY) names them:

1. Decide whether the primary data center is reachable. When its principal
   answers, the recovery step removes mirroring there (SET PARTNER OFF: SQL
   Server refuses BACKUP LOG WITH NORECOVERY on a mirrored principal) and
   backs up the tail of the log WITH NORECOVERY, which leaves the old
   principal RESTORING: fenced, it cannot come back writable beside the new
   one, and nothing committed is lost. When the primary data center does not answer,
   what never reached the backup is lost: the runbook reports the estimated
   loss window (the last log backup the backup server holds, and how long
   ago it was taken) and refuses to go on without -AllowDataLoss, which it
   forwards to that one recovery call only.
2-4. Back up the tail when the principal answers, remove log shipping from
   the backup database, copy what can still be copied (with the share unreachable, -FromCopyDirectory goes on with the
   files already in the copy folder), restore every unapplied log in LSN
   order, end the sessions using mgc, RESTORE DATABASE WITH RECOVERY
   (Invoke-PcLogShippingRecovery).
5. Set-CsPersistentChatState -PoolState FailedOver.
6. Install-CsMirrorDatabase for the backup store: the backup instance as
   principal and the backup mirror as mirror (R3: "not the same mirror as
   the one that was initially configured"), with the backup witness when
   the topology has one. A database left on the backup mirror by an
   earlier failover is replaced (it is a RESTORING copy, not data).
7. Set-CsPersistentChatActiveServer to servers of the backup site (at most
   4, the documented maximum).

The end state is verified: mgc ONLINE and writable on the new principal,
SYNCHRONIZED with its mirror, the pool FailedOver, every active server in
the backup site, and the last log restored (what may have been lost).
mgccomp is not failed over, as the documentation says; with compliance
enabled the runbook says what the admin must do about the adapter.

Each step checks first whether it is already done, so a run that failed can
be run again: it resumes where it stopped, and a run on a pool already failed
over changes nothing. -WhatIf prints every statement of every step.

.PARAMETER PoolFqdn
The Persistent Chat pool; default the topology's only pool.

.PARAMETER Database
The pool's database; default mgc.

.PARAMETER ActiveServers
The servers to activate; default up to four servers of the backup store's site.

.PARAMETER FileShare
The share the backup and the backup mirror both reach, for seeding the new mirror; default the topology's log shipping share.

.PARAMETER FromCopyDirectory
When the log shipping share cannot be reached, recover from the files already in the copy folder.

.PARAMETER AllowDataLoss
Allows the recovery when the primary data center cannot be reached, so the tail of its log cannot be backed up.

.EXAMPLE
Invoke-PcPersistentChatFailover -WhatIf
Prints the plan and every T-SQL statement and Management Shell line of every step, and changes nothing.

.EXAMPLE
Invoke-PcPersistentChatFailover -AllowDataLoss -FromCopyDirectory -Force
The primary data center is gone: recover from what reached the backup, without prompting.
]]
local args = cmdlet {
  impact = "High",
  params = {
    { "PoolFqdn", type = "string", help = "The Persistent Chat pool; default the topology's only pool." },
    { "Database", type = "string", default = "mgc", help = "The pool's database." },
    { "ActiveServers", type = "string[]", help = "The servers to activate; default up to four of the backup site." },
    { "FileShare", type = "string", help = "The share for seeding the new mirror; default the log shipping share." },
    { "FromCopyDirectory", type = "switch", help = "Recover from the copy folder when the share cannot be reached." },
    { "AllowDataLoss", type = "switch", help = "Allows the recovery when the primary data center cannot be reached." },
  },
}

local hadr = require "pcsh.hadr"
local c = hadr.load(args)
local force = host.preference().Force
local db = c.db
hadr.require(c, { "primary", "backup" }, "R3 fails over to the backup store")

local backupSite = c.backup.site
local wanted = hadr.siteServers(c, backupSite, args.ActiveServers)
local function backupState() return hadr.database(c.backup.name, db) end
local function recovered()
  return hadr.writable(backupState()) and not hadr.logShippingSecondary(c.backup.name, db)
end

-- The primary site: the partner that serves mgc there, or nil when neither
-- answers with a writable copy.
local function dc1Principal()
  for _, s in ipairs({ c.primary, c.mirror }) do
    -- a lost data center costs its connect timeout: keep it short
    local d = s and hadr.database(s.name, db, "2s")
    if hadr.writable(d) then return s, d end
  end
  return nil
end

-- lastShipped describes the newest log backup the backup server restored
-- or copied, and how old it is.
local function lastShipped()
  local rows = hadr.query(c.backup.name, [[
SELECT TOP 1 b.backup_finish_date AS taken, b.last_lsn AS lastLsn, DATEDIFF(second, b.backup_finish_date, SYSDATETIME()) AS age
FROM msdb.dbo.restorehistory AS r JOIN msdb.dbo.backupset AS b ON b.backup_set_id = r.backup_set_id
WHERE r.destination_database_name = @db ORDER BY r.restore_history_id DESC]], { db = db })
  local r = rows and rows[1]
  if r == nil then return "no log backup was restored on " .. c.backup.name end
  return string.format("the last log backup restored on %s was taken at %s (LSN %s, %s s ago)", c.backup.name,
    tostring(r.taken), tostring(r.lastLsn), tostring(r.age))
end

local principal = dc1Principal()
local rb = runbook{ key = c.fqdn }

rb:precondition{ "The backup instance answers", check = function()
  local d = backupState()
  if d == nil then return hadr.no(c.backup.name .. " does not answer: R3 needs the backup data center up") end
  if not d.exists then return hadr.no(c.backup.name .. " has no database " .. db .. " to recover") end
  return hadr.ok(hadr.describe(c.backup.name, d))
end }

rb:precondition{ "Decide whether the primary data center is reachable", check = function()
  if principal ~= nil then
    return hadr.ok(principal.name .. " answers: the tail of the log is backed up and the old principal fenced")
  end
  if recovered() then return hadr.ok(c.backup.name .. " is already recovered") end
  local window = lastShipped()
  if not args.AllowDataLoss then
    return hadr.no("neither " .. c.primary.name .. " nor " .. (c.mirror and c.mirror.name or "a mirror") ..
      " answers, so the tail of the log cannot be backed up: transactions committed after the last log backup that " ..
      "reached the backup are lost; " .. window .. ". Re-run with -AllowDataLoss to accept that loss")
  end
  host.warning("The primary data center does not answer: transactions committed there after the last shipped log backup are lost; %s.", window)
  return hadr.ok("unreachable; the loss is allowed by -AllowDataLoss")
end }


rb:step{ "Recover the backup database from the log shipping chain (R3 steps 1-4)",
  check = function()
    if recovered() then return hadr.ok(hadr.describe(c.backup.name, backupState())) end
    return hadr.no(hadr.describe(c.backup.name, backupState()))
  end,
  action = function()
    Invoke_PcLogShippingRecovery{ SqlInstance = c.backup.name, Database = db,
      PrimaryInstance = principal and principal.name or nil, FromCopyDirectory = args.FromCopyDirectory,
      AllowDataLoss = args.AllowDataLoss, Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      if recovered() then return hadr.ok(lastShipped()) end
      return hadr.no(hadr.describe(c.backup.name, backupState()))
    end) end }

rb:step{ "Set the pool state to FailedOver (R3 step 5)",
  check = function()
    local s = hadr.poolState(c)
    if s == "FailedOver" then return hadr.ok("FailedOver") end
    return hadr.no(tostring(s))
  end,
  action = function()
    Set_CsPersistentChatState{ Identity = c.identity, PoolState = "FailedOver", Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      if hadr.poolState(c) == "FailedOver" then return hadr.ok("FailedOver") end
      return hadr.no("the pool state did not change")
    end) end }

rb:step{ "Mirror the new primary to the backup mirror (R3 step 6)",
  check = function()
    if c.backupMirror == nil then
      host.warning("The topology has no backup mirror for %s: the new primary runs without high availability.", c.fqdn)
      return hadr.ok("no backup mirror in the topology")
    end
    local d = backupState()
    if hadr.mirrored(d, "PRINCIPAL", c.backupMirror, c.backupWitness) then return hadr.ok("SYNCHRONIZED") end
    return hadr.no(hadr.describe(c.backup.name, d))
  end,
  action = function()
    Install_CsMirrorDatabase{ DatabaseType = "PersistentChat", SqlServerFqdn = c.backup.host,
      FileShare = args.FileShare or c.share, DropExistingDatabasesOnMirror = true, Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      local d = backupState()
      if hadr.mirrored(d, "PRINCIPAL", c.backupMirror, c.backupWitness) then return hadr.ok("SYNCHRONIZED") end
      return hadr.no(hadr.describe(c.backup.name, d))
    end) end }

hadr.activateStep(rb, c, "Activate servers of the backup data center (R3 step 7)", wanted, force)

local function verified()
  local d = backupState()
  if not hadr.writable(d) then return hadr.no(hadr.describe(c.backup.name, d) .. " is not writable") end
  if c.backupMirror and not hadr.mirrored(d, "PRINCIPAL", c.backupMirror, c.backupWitness) then
    return hadr.no(hadr.describe(c.backup.name, d))
  end
  if hadr.poolState(c) ~= "FailedOver" then return hadr.no("the pool is not FailedOver") end
  if not hadr.sameSet(hadr.activeServers(c), wanted) then return hadr.no("the active servers are not " .. table.concat(wanted, ", ")) end
  local p = dc1Principal()
  if p ~= nil then
    return hadr.no(string.format("%s's copy of %s is writable too (split brain): fence it (ALTER DATABASE SET PARTNER OFF, then BACKUP LOG WITH NORECOVERY) before clients reach it", p.name, db))
  end
  return hadr.ok(string.format("%s ONLINE and writable on %s, pool FailedOver, active %s; %s", db, c.backup.name,
    table.concat(wanted, ", "), lastShipped()))
end

rb:step{ "Verify the failover", check = verified, action = function() end,
  verify = function() return hadr.eventually(30, verified) end }

hadr.compliance(c, "failed over")
rb:run()
