--[[
.SYNOPSIS
Sets up Persistent Chat high availability and disaster recovery: mirroring of mgc in the primary data center and log shipping to the backup data center, from the principal and from its mirror.

.DESCRIPTION
Implements the documented set-up procedures of Lync Server 2013, "Configuring
Persistent Chat Server for high availability and disaster recovery": L4 (SQL
Server mirroring of mgc, as Install-CsMirrorDatabase does it, with the witness
of the topology), L5 ("Setting up SQL Server Log Shipping for the Persistent
Chat Server primary database": log shipping from the primary store to the
backup store) and L6 ("Setting up SQL Server Log Shipping between the primary
mirror and the Log Shipping secondary database": a planned failover to the
mirror, the primary half of log shipping on the mirror with the same share and
settings, and the failback). Every store, the share, the copy directory and
the schedules come from the topology document (PCSH_TOPOLOGY); the pool state
must be Normal.

Gaps of the documentation this runbook fills: L6 prints no command for its
failover and failback, so it runs Invoke-CsDatabaseFailover -NewPrincipal
Mirror and -NewPrincipal Primary for the pool; SSMS cannot configure two
primaries, so L6's "first half of the script" is Add-PcLogShippingMirrorSource
(sp_add_log_shipping_primary_database, its schedule and
sp_add_log_shipping_primary_secondary on the mirror, never the secondary
half); the required resources are checked before anything changes (a failed
check stops the run with its finding; a mirroring endpoint missing in the
backup data center is only reported, since the failover runbook creates it);
and the end state is verified: mirroring SYNCHRONIZED with the primary as
principal and the witness connected, both DC1 partners log shipping
primaries, the backup a log shipping secondary, the pool Normal.

Each step checks first whether it is already done, so a run that failed can
be run again: it resumes where it stopped, and a run on a pool already set up
changes nothing. -WhatIf prints every statement of every step.

A log shipping primary (L5 on the primary, L6 on the mirror) counts as done
only when it ships to the backup as the backup is now, read from msdb: the
instance's log_shipping_primary_databases row for the database and its
log_shipping_primary_secondaries row naming the backup; the backup a log
shipping secondary of it (log_shipping_secondary_databases); and the
instance's backup job (sysjobs.date_created of the row's backup_job_id) no
older than the full backup the backup was last initialised from
(restorehistory and backupset on the backup: the set-up configures each
primary right after it initialises the secondary). A configuration older
than that initialisation, such as the one DC1 keeps through a failover and
a failback that re-initialised the secondary, is not done: the step runs
again and overwrites it (@overwrite = 1, under -Force). A backup that does
not answer, or does not restore by log shipping, leaves the step to do.

.PARAMETER PoolFqdn
The Persistent Chat pool; default the topology's only pool.

.PARAMETER Database
The database to protect; default mgc.

.PARAMETER Share
The log shipping share (UNC) the backup jobs of both DC1 partners write to; default the topology's.

.PARAMETER CopyDirectory
The backup instance's copy destination folder; default the topology's.

.PARAMETER Interval
The backup, copy and restore job interval; default the topology's schedules (in minutes), or for instance 2s on a lab.

.PARAMETER RestoreMode
How the secondary restores: NoRecovery (the documented "No recovery mode", the default) or Standby (readable between restores).

.PARAMETER DropExistingDatabasesOnMirror
Replaces a database of the same name left on the mirror (for instance one left RESTORING by an earlier set-up).

.PARAMETER AllowDataLoss
Allows the steps that overwrite a database: re-initialising an existing secondary database with RESTORE … WITH REPLACE, or dropping an ONLINE database on the mirror. Forwarded only to those calls.

.EXAMPLE
Install-PcPersistentChatHadr -WhatIf
Prints the plan and every T-SQL statement and Management Shell line of every step, and changes nothing.

.EXAMPLE
Install-PcPersistentChatHadr -Interval 2s -Force
Sets up the lab's pool with two-second log shipping jobs, without prompting.
]]
local args = cmdlet {
  impact = "High",
  params = {
    { "PoolFqdn", type = "string", help = "The Persistent Chat pool; default the topology's only pool." },
    { "Database", type = "string", default = "mgc", help = "The database to protect." },
    { "Share", type = "string", help = "The log shipping share (UNC); default the topology's." },
    { "CopyDirectory", type = "string", help = "The backup instance's copy folder; default the topology's." },
    { "Interval", type = "string", help = "The log shipping job interval; default the topology's schedules." },
    { "RestoreMode", type = "string", default = "NoRecovery", set = { "NoRecovery", "Standby" },
      help = "How the secondary restores: NoRecovery or Standby." },
    { "DropExistingDatabasesOnMirror", type = "switch", help = "Replaces a leftover database on the mirror." },
    { "AllowDataLoss", type = "switch", help = "Allows overwriting an existing secondary or mirror database." },
  },
}

local hadr = require "pcsh.hadr"
local c = hadr.load(args)
local force = host.preference().Force
local db = c.db

local function interval(minutes)
  if args.Interval and args.Interval ~= "" then return args.Interval end
  return tostring(minutes or 1) .. "m"
end

local function principalState() return hadr.database(c.primary.name, db) end
local function mirrorState() return hadr.database(c.mirror.name, db) end

local rb = runbook{ key = c.fqdn }

rb:precondition{ "The topology names the stores of the procedure", check = function()
  hadr.require(c, { "primary", "mirror", "backup" }, "mirroring needs a mirror and log shipping a backup store")
  if c.share == nil or c.share == "" or c.copyDirectory == nil or c.copyDirectory == "" then
    return hadr.no("the topology has no logShipping share or copyDirectory; give -Share and -CopyDirectory")
  end
  return hadr.ok(string.format("primary %s, mirror %s, witness %s, backup %s", c.primary.name, c.mirror.name,
    c.witness and c.witness.name or "none", c.backup.name))
end }

rb:precondition{ "The pool state is Normal", check = function()
  local s = hadr.poolState(c)
  if s ~= "Normal" and host.whatif() then
    -- the failback runbook sets it Normal in a step -WhatIf only plans
    host.warning("%s is %s; -WhatIf shows the set-up as if it were Normal.", c.fqdn, tostring(s))
    return hadr.ok("assumed Normal")
  end
  if s ~= "Normal" then
    return hadr.no(string.format("%s is %s: the set-up is for a pool that uses its primary database; fail back first (Invoke-PcPersistentChatFailback)", c.fqdn, tostring(s)))
  end
  return hadr.ok("Normal")
end }

rb:precondition{ "The required resources are in place (Test-PcResource)", check = function()
  local dc1 = { c.primary.name, c.mirror.name }
  if c.witness then table.insert(dc1, c.witness.name) end
  local results = Test_PcResource{ SqlInstance = dc1, Database = db, BackupShare = c.share }
  -- the copy folder is the backup's own
  for _, r in ipairs(Test_PcResource{ SqlInstance = { c.backup.name }, Database = db, BackupShare = c.share,
    CopyDirectory = c.copyDirectory }) do table.insert(results, r) end
  local failed = {}
  for _, r in ipairs(results) do
    local later = r.Check == "Endpoint" and string.lower(r.SqlInstance) == string.lower(c.backup.host)
    if r.Verdict == "Fail" and later then
      host.verbose("%s: %s (the failover runbook creates it).", r.SqlInstance, r.Detail)
    elseif r.Verdict == "Fail" then
      table.insert(failed, r.SqlInstance .. " " .. r.Check .. ": " .. r.Detail)
    end
  end
  if #failed > 0 then return hadr.no(table.concat(failed, "; ")) end
  return hadr.ok("no failed check")
end }

rb:step{ "Mirror " .. db .. " inside the primary data center with the witness (L4)",
  check = function()
    local p, m = principalState(), mirrorState()
    if hadr.mirrored(p, "PRINCIPAL", c.mirror, c.witness) or hadr.mirrored(m, "PRINCIPAL", c.primary, c.witness) then
      return hadr.ok("the session between " .. c.primary.name .. " and " .. c.mirror.name .. " is SYNCHRONIZED")
    end
    return hadr.no(hadr.describe(c.primary.name, p))
  end,
  action = function()
    Install_CsMirrorDatabase{ DatabaseType = "PersistentChat", SqlServerFqdn = c.primary.host, FileShare = c.share,
      DropExistingDatabasesOnMirror = args.DropExistingDatabasesOnMirror, AllowDataLoss = args.AllowDataLoss, Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      local p = principalState()
      if hadr.mirrored(p, "PRINCIPAL", c.mirror, c.witness) then return hadr.ok("SYNCHRONIZED") end
      return hadr.no(hadr.describe(c.primary.name, p))
    end) end }

local function primaryShips() return hadr.logShippingPrimary(c.primary.name, db, c.backup) end

rb:step{ "Ship the log of " .. db .. " from the primary to the backup (L5)",
  check = primaryShips,
  action = function()
    local s = c.schedules
    New_PcLogShipping{ PrimaryInstance = c.primary.name, SecondaryInstance = c.backup.name, Database = db,
      BackupShare = c.share, CopyDirectory = c.copyDirectory, RestoreMode = args.RestoreMode,
      BackupInterval = interval(s.BackupMinutes), CopyInterval = interval(s.CopyMinutes), RestoreInterval = interval(s.RestoreMinutes),
      AllowDataLoss = args.AllowDataLoss, Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      local ok, why = primaryShips()
      if ok then return hadr.ok("configured") end
      return hadr.no(why)
    end) end }

local function mirrorShips() return hadr.logShippingPrimary(c.mirror.name, db, c.backup) end

-- failover runs Invoke-CsDatabaseFailover for the pool. The cmdlet acts on
-- the pair the pool state names, which the failback runbook sets Normal in
-- a step its -WhatIf only plans: -WhatIf with the pool not Normal shows
-- the statement the cmdlet runs once it is, on the primary store's pair
-- (SET PARTNER FAILOVER on the partner that is principal then).
local function failover(newPrincipal, principal)
  if host.whatif() and hadr.poolState(c) ~= "Normal" then
    host.should_process(principal.host, "ALTER DATABASE " .. hadr.quote(db) .. " SET PARTNER FAILOVER")
    return
  end
  Invoke_CsDatabaseFailover{ PoolFqdn = c.fqdn, DatabaseType = "PersistentChat", NewPrincipal = newPrincipal, Force = force }
end

rb:step{ "Fail " .. db .. " over to the mirror (L6 step 1)",
  check = function()
    if mirrorShips() then return hadr.ok(c.mirror.name .. " already ships to " .. c.backup.name) end
    if hadr.mirrored(mirrorState(), "PRINCIPAL", c.primary) then return hadr.ok(c.mirror.name .. " is the principal") end
    return hadr.no(c.primary.name .. " is the principal")
  end,
  action = function()
    failover("Mirror", c.primary)
  end,
  verify = function() return hadr.eventually(30, function()
      local m = mirrorState()
      if m and m.role == "PRINCIPAL" then return hadr.ok(c.mirror.name .. " is the principal") end
      return hadr.no(hadr.describe(c.mirror.name, m))
    end) end }

rb:step{ "Make the mirror a log shipping primary with the same share and settings (L6)",
  check = mirrorShips,
  action = function()
    Add_PcLogShippingMirrorSource{ MirrorInstance = c.mirror.name, SecondaryInstance = c.backup.name, Database = db,
      BackupShare = c.share, BackupInterval = interval(c.schedules.BackupMinutes), Force = force }
  end,
  verify = function() return hadr.eventually(30, function()
      local ok, why = mirrorShips()
      if ok then return hadr.ok("configured") end
      return hadr.no(why)
    end) end }

rb:step{ "Fail " .. db .. " back to the primary (L6 step 22)",
  check = function()
    if hadr.mirrored(principalState(), "PRINCIPAL", c.mirror, c.witness) then return hadr.ok(c.primary.name .. " is the principal") end
    return hadr.no(c.mirror.name .. " is the principal")
  end,
  action = function()
    failover("Primary", c.mirror)
  end,
  verify = function() return hadr.eventually(30, function()
      local p = principalState()
      if hadr.mirrored(p, "PRINCIPAL", c.mirror, c.witness) then return hadr.ok("SYNCHRONIZED") end
      return hadr.no(hadr.describe(c.primary.name, p))
    end) end }

hadr.compliance(c, "log shipped by this set-up")
rb:run()
