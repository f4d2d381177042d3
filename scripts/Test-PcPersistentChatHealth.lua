--[[
.SYNOPSIS
Checks the health of each Persistent Chat pool's HA/DR set-up, for schedulers and monitors: one finding per check, and the worst verdict as the exit code.

.DESCRIPTION
For each pool of the topology (PCSH_TOPOLOGY), or the one -PoolFqdn names, it
writes one object per finding (Pool, SqlInstance, Check, Verdict, Detail,
Value, Unit, WarningThreshold, Threshold), with the verdict Healthy, Warning,
Critical or Unknown:

- Reachable: each SQL store answers (a witness or a backup mirror that does
  not is a Warning, any other store Critical).
- Mirroring, Safety, Witness: mgc's session seen from its principal:
  SYNCHRONIZED, SAFETY FULL, the topology's witness CONNECTED.
- LogBackupAge (on the DC1 partner that backs up), LogCopyAge and
  LogRestoreAge (on the backup store): seconds since the last log backup,
  copy and restore (msdb log_shipping_monitor_primary and _secondary) against
  the monitor's thresholds (Warning at three quarters); a job that has not
  run yet is Healthy until the threshold has passed since the job was
  created, so a freshly configured pool is OK. LastError: an error the jobs
  logged after their last success (log_shipping_monitor_error_detail) is a
  Warning.
- LogBackupSource: somebody takes log backups: a DC1 partner that is a log
  shipping primary, whose mgc is not the mirroring MIRROR (Standby) and whose
  backup job is enabled. Nobody is Critical.
- WritableCopy: mgc is ONLINE and writable on exactly one store; none, or two
  (split brain), is Critical.
- PoolState: the pool state of the Central Management Store matches where mgc
  is writable (Normal: the primary data center; FailedOver: the backup one).
- ActiveServers: between 1 and 4 active servers, all in the data center of
  the writable mgc.
- Agent: SQL Server Agent runs on every store that runs log shipping jobs
  (sys.dm_server_services, or SQLAgent sessions where that view does not
  exist).

A check that could not look (an unreadable topology, a Central Management
Store or an instance that does not answer for what depends on it) is
Unknown, never Healthy. The run exits with the monitoring-plugin code of the
worst finding (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) in every output mode;
a usage error is UNKNOWN too. --output nagios prints the monitoring-plugin
form, --output json an array of the findings.

.PARAMETER PoolFqdn
Only this pool; default every pool of the topology.

.PARAMETER Database
The database to check; default mgc.

.EXAMPLE
Test-PcPersistentChatHealth
Checks every pool of the topology and exits with the worst verdict.

.EXAMPLE
Test-PcPersistentChatHealth -PoolFqdn pc.contoso.com
Checks one pool; run as `pcsh --output nagios Test-PcPersistentChatHealth -PoolFqdn pc.contoso.com`, it prints the monitoring-plugin form for Nagios, Icinga or Zabbix: a status line with performance data.
]]
local args = cmdlet {
  monitor = true,
  output = "PersistentChatHealthCheck",
  params = {
    { "PoolFqdn", type = "string" },
    { "Database", type = "string", default = "mgc" },
  },
}

local hadr = require "pcsh.hadr"

local FIELDS = { "Pool", "SqlInstance", "Check", "Verdict", "Detail", "Value", "Unit", "WarningThreshold", "Threshold" }
local VIEW = { "SqlInstance", "Check", "Verdict", "Detail" }
local RANK = { Healthy = 0, Warning = 1, Unknown = 2, Critical = 3 }
local worst = "Healthy"

-- finding writes one check object and keeps the worst verdict.
local function finding(pool, instance, check, verdict, detail, measure)
  local v = { Pool = pool, SqlInstance = instance, Check = check, Verdict = verdict, Detail = detail }
  for k, x in pairs(measure or {}) do v[k] = x end
  host.output(host.new_object("PersistentChatHealthCheck", FIELDS, v, VIEW))
  if RANK[verdict] > RANK[worst] then worst = verdict end
end

-- age judges seconds since an event against a critical threshold, warning
-- at three quarters of it.
local function age(seconds, threshold)
  if seconds >= threshold then return "Critical" end
  if seconds >= threshold * 0.75 then return "Warning" end
  return "Healthy"
end

local function errorText(err)
  if type(err) == "table" then return tostring(err.Message) end
  return tostring(err)
end

-- The stores of a pool, in role order, each once.
local ROLES = { "primary", "mirror", "witness", "backup", "backupMirror", "backupWitness" }
local SPARE = { witness = true, backupMirror = true, backupWitness = true }

local function reachability(c, pool)
  local up, seen = {}, {}
  for _, role in ipairs(ROLES) do
    local s = c[role]
    if s and not seen[s.name] then
      seen[s.name] = true
      local rows, err = hadr.query(s.name, "SELECT @@SERVERNAME AS name", nil, "3s")
      local answered = rows and rows[1] and string.lower(tostring(rows[1].name))
      if rows and answered ~= string.lower(s.name) and answered ~= string.lower(s.host) then
        -- the connection's failover partner answered in its place
        finding(pool, s.name, "Reachable", SPARE[role] and "Warning" or "Critical",
          s.name .. " (" .. role .. ") does not answer: " .. tostring(rows[1].name) .. " answered in its place.")
      elseif rows then
        up[s.name] = true
        finding(pool, s.name, "Reachable", "Healthy", s.name .. " (" .. role .. ") answers.")
      else
        finding(pool, s.name, "Reachable", SPARE[role] and "Warning" or "Critical",
          s.name .. " (" .. role .. ") does not answer: " .. errorText(err))
      end
    end
  end
  return up
end

-- mirroring judges the session from the principal's side (or the
-- mirror's, when no principal answers).
local function mirroring(c, pool, dbs)
  if not c.mirror then return end
  local d, at
  for _, s in ipairs({ c.primary, c.mirror }) do
    local x = dbs[s.name]
    if x and x.exists and x.role == "PRINCIPAL" then d, at = x, s.name end
  end
  if not d then
    for _, s in ipairs({ c.primary, c.mirror }) do
      local x = dbs[s.name]
      if x and x.exists and x.role then d, at = x, s.name end
    end
  end
  if not d then
    local answered = dbs[c.primary.name] or dbs[c.mirror.name]
    if answered then
      finding(pool, c.primary.name, "Mirroring", "Critical", c.db .. " is in no mirroring session on " .. c.primary.name .. " or " .. c.mirror.name .. ".")
    else
      finding(pool, c.primary.name, "Mirroring", "Unknown", "Neither DC1 partner answers: the mirroring session cannot be read.")
    end
    return
  end
  local state = tostring(d.mirrorState)
  local verdict = state == "SYNCHRONIZED" and "Healthy" or state == "SYNCHRONIZING" and "Warning" or "Critical"
  finding(pool, at, "Mirroring", verdict, string.format("%s is %s %s with %s.", c.db, tostring(d.role), state, tostring(d.partner)))
  local safety = tostring(d.safety)
  finding(pool, at, "Safety", safety == "FULL" and "Healthy" or "Warning",
    safety == "FULL" and "SAFETY FULL: every commit reaches the mirror." or "SAFETY " .. safety .. ": commits do not wait for the mirror, and the witness cannot fail over.")
  if c.witness then
    local ws = tostring(d.witnessState)
    if d.witness == nil or d.witness == "" then
      finding(pool, at, "Witness", "Warning", "The session has no witness; the topology names " .. c.witness.name .. ": no automatic failover.")
    else
      finding(pool, at, "Witness", ws == "CONNECTED" and "Healthy" or "Warning",
        "The witness " .. tostring(d.witness) .. " is " .. ws .. (ws == "CONNECTED" and "." or ": no automatic failover."))
    end
  end
end

-- writable finds where mgc is ONLINE and writable; two is split brain.
local function writableCopies(c, pool, dbs)
  local where, unknown = {}, {}
  for _, role in ipairs({ "primary", "mirror", "backup", "backupMirror" }) do
    local s = c[role]
    if s then
      if dbs[s.name] == nil then table.insert(unknown, s.name)
      elseif hadr.writable(dbs[s.name]) then table.insert(where, s) end
    end
  end
  local names = {}
  for _, s in ipairs(where) do table.insert(names, s.name) end
  local measure = { Value = #where }
  if #where > 1 then
    finding(pool, nil, "WritableCopy", "Critical",
      "Split brain: " .. c.db .. " is ONLINE and writable on " .. table.concat(names, " and ") .. ".", measure)
  elseif #where == 1 then
    finding(pool, nil, "WritableCopy", "Healthy", c.db .. " is ONLINE and writable on " .. names[1] .. " only.", measure)
  elseif #unknown > 0 then
    finding(pool, nil, "WritableCopy", "Unknown", c.db .. " is writable on no store that answers; " .. table.concat(unknown, ", ") .. " do not answer.", measure)
  else
    finding(pool, nil, "WritableCopy", "Critical", c.db .. " is ONLINE and writable nowhere: Persistent Chat has no database.", measure)
  end
  return #where == 1 and where[1] or nil
end

-- poolAndServers compares the Central Management Store with where mgc is.
local function poolAndServers(c, pool, live)
  local ok, state = pcall(hadr.poolState, c)
  local expected = live and (live.site == c.primary.site and "Normal" or "FailedOver")
  if not ok or state == nil then
    finding(pool, nil, "PoolState", "Unknown", "The Central Management Store cannot be read: " .. errorText(state))
  elseif not live then
    finding(pool, nil, "PoolState", "Unknown", "The pool is " .. state .. "; where " .. c.db .. " is writable is not known.")
  elseif state ~= expected then
    finding(pool, live.name, "PoolState", "Critical", string.format("The pool is %s but %s is writable on %s in %s: it should be %s.",
      state, c.db, live.name, live.site, expected))
  else
    finding(pool, live.name, "PoolState", "Healthy", string.format("The pool is %s and %s is writable in %s.", state, c.db, live.site))
  end
  local aok, active = pcall(hadr.activeServers, c)
  if not aok then
    finding(pool, nil, "ActiveServers", "Unknown", "The active servers cannot be read: " .. errorText(active))
    return
  end
  local measure = { Value = #active, Threshold = 4 }
  local site = live and live.site
  local wrong = {}
  if site then
    local inSite = {}
    for _, s in ipairs(c.servers[site] or {}) do inSite[string.lower(s)] = true end
    for _, s in ipairs(active) do if not inSite[string.lower(s)] then table.insert(wrong, s) end end
  end
  local list = #active > 0 and table.concat(active, ", ") or "none"
  if #active == 0 then
    finding(pool, nil, "ActiveServers", "Critical", "The pool has no active server: chat is down.", measure)
  elseif #active > 4 then
    finding(pool, nil, "ActiveServers", "Critical", string.format("%d active servers (%s): at most 4 are supported.", #active, list), measure)
  elseif #wrong > 0 then
    finding(pool, nil, "ActiveServers", "Warning", string.format("Active servers outside %s, where %s is writable: %s.", site, c.db, table.concat(wrong, ", ")), measure)
  elseif not site then
    finding(pool, nil, "ActiveServers", "Unknown", "Active: " .. list .. "; the data center they should be in is not known.", measure)
  else
    finding(pool, nil, "ActiveServers", "Healthy", string.format("%d active servers in %s: %s.", #active, site, list), measure)
  end
end

-- The log shipping monitor queries, ages in seconds of server time.
local PRIMARY_SQL = [[
SELECT m.backup_threshold AS threshold, m.last_backup_date AS last, DATEDIFF(second, m.last_backup_date, GETDATE()) AS age,
       j.enabled AS enabled, DATEDIFF(second, j.date_created, GETDATE()) AS configured
FROM msdb.dbo.log_shipping_primary_databases AS p
JOIN msdb.dbo.log_shipping_monitor_primary AS m ON m.primary_id = p.primary_id
LEFT JOIN msdb.dbo.sysjobs AS j ON j.job_id = p.backup_job_id
WHERE p.primary_database = @db]]
local SECONDARY_SQL = [[
SELECT m.restore_threshold AS threshold, DATEDIFF(second, m.last_copied_date, GETDATE()) AS copyAge,
       DATEDIFF(second, m.last_restored_date, GETDATE()) AS restoreAge, m.last_copied_date AS copied, m.last_restored_date AS restored,
       DATEDIFF(second, j.date_created, GETDATE()) AS configured
FROM msdb.dbo.log_shipping_monitor_secondary AS m
LEFT JOIN msdb.dbo.log_shipping_secondary AS s ON s.secondary_id = m.secondary_id
LEFT JOIN msdb.dbo.sysjobs AS j ON j.job_id = s.copy_job_id
WHERE m.secondary_database = @db]]
local ERROR_SQL = [[
SELECT TOP 1 DATEDIFF(second, log_time, GETDATE()) AS age, agent_type AS agent, message
FROM msdb.dbo.log_shipping_monitor_error_detail WHERE database_name = @db AND agent_type = @agent ORDER BY log_time DESC]]
local AGENTS = { [0] = "backup", [1] = "copy", [2] = "restore" }

-- jobAge judges the age of a job's last success: not run yet is Healthy
-- until the threshold has passed since the job was configured.
local function jobAge(pool, instance, check, what, seconds, configured, threshold)
  local measure = { Value = seconds, Unit = "s", WarningThreshold = math.floor(threshold * 0.75), Threshold = threshold }
  if seconds == nil then
    local since = configured or 0
    measure.Value = since
    local v = age(since, threshold)
    finding(pool, instance, check, v, string.format("No %s yet, %d s after log shipping was configured (threshold %d s).", what, since, threshold), measure)
    return
  end
  finding(pool, instance, check, age(seconds, threshold), string.format("The last %s was %d s ago (threshold %d s).", what, seconds, threshold), measure)
end

-- lastError reports an error the job logged after its last success.
local function lastError(pool, instance, db, agent, sinceSuccess)
  local rows = hadr.query(instance, ERROR_SQL, { db = db, agent = agent })
  local e = rows and rows[1]
  if e and (sinceSuccess == nil or e.age < sinceSuccess) then
    finding(pool, instance, "LastError", "Warning", string.format("The %s job failed %d s ago: %s", AGENTS[agent], e.age, tostring(e.message)))
  end
end

local function logShipping(c, pool, dbs, up)
  local takers, seen = {}, {}
  for _, s in ipairs({ c.primary, c.mirror }) do
    if s and up[s.name] and not seen[s.name] then
      seen[s.name] = true
      local rows = hadr.query(s.name, PRIMARY_SQL, { db = c.db })
      local r = rows and rows[1]
      local d = dbs[s.name]
      if r and d and d.exists and d.role ~= "MIRROR" and d.state == "ONLINE" then
        if r.enabled == false or r.enabled == 0 then
          finding(pool, s.name, "LogBackupAge", "Critical", "The log backup job of " .. c.db .. " on " .. s.name .. " is disabled.")
        else
          table.insert(takers, s.name)
          jobAge(pool, s.name, "LogBackupAge", "log backup", r.age, r.configured, (r.threshold or 60) * 60)
          lastError(pool, s.name, c.db, 0, r.age)
        end
      elseif r then
        finding(pool, s.name, "LogBackupAge", "Healthy", hadr.describe(s.name, d) ..
          ": Standby, its backup job skips the backup until a failover makes it the principal.")
      end
    end
  end
  local answered = (c.primary and up[c.primary.name]) or (c.mirror and up[c.mirror.name])
  if #takers > 0 then
    finding(pool, table.concat(takers, ","), "LogBackupSource", "Healthy", table.concat(takers, " and ") .. " takes the log backups of " .. c.db .. ".")
  elseif answered then
    finding(pool, nil, "LogBackupSource", "Critical", "Nobody takes log backups of " .. c.db .. ": no DC1 partner is a log shipping primary with an ONLINE database and an enabled backup job.")
  else
    finding(pool, nil, "LogBackupSource", "Unknown", "No DC1 partner answers: who takes the log backups is not known.")
  end
  local b = c.backup
  if not b then return end
  if not up[b.name] then
    finding(pool, b.name, "LogRestoreAge", "Unknown", b.name .. " does not answer: its copies and restores cannot be read.")
    return
  end
  local rows = hadr.query(b.name, SECONDARY_SQL, { db = c.db })
  local r = rows and rows[1]
  if not r then
    finding(pool, b.name, "LogRestoreAge", "Critical", b.name .. " restores no log of " .. c.db .. ": log shipping to the backup data center is not configured.")
    return
  end
  local threshold = (r.threshold or 45) * 60
  jobAge(pool, b.name, "LogCopyAge", "copy", r.copyAge, r.configured, threshold)
  lastError(pool, b.name, c.db, 1, r.copyAge)
  jobAge(pool, b.name, "LogRestoreAge", "restore", r.restoreAge, r.configured, threshold)
  lastError(pool, b.name, c.db, 2, r.restoreAge)
end

-- agent checks SQL Server Agent where log shipping jobs run.
local function agents(c, pool, up)
  local seen = {}
  for _, s in ipairs({ c.primary, c.mirror, c.backup }) do
    if s and up[s.name] and not seen[s.name] then
      seen[s.name] = true
      local rows = hadr.query(s.name, "SELECT status_desc AS status FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server Agent%'")
      local running, how
      if rows then
        running, how = rows[1] ~= nil and rows[1].status == "Running", "service " .. tostring(rows[1] and rows[1].status or "not installed")
      else
        local n = hadr.query(s.name, "SELECT COUNT(*) AS n FROM sys.dm_exec_sessions WHERE program_name LIKE N'SQLAgent%'")
        if n == nil then
          finding(pool, s.name, "Agent", "Unknown", "Whether SQL Server Agent runs cannot be read.")
        else
          running, how = n[1].n > 0, string.format("%d SQLAgent sessions", n[1].n)
        end
      end
      if running ~= nil then
        finding(pool, s.name, "Agent", running and "Healthy" or "Critical",
          running and "SQL Server Agent is running (" .. how .. ")." or "SQL Server Agent is not running (" .. how .. "): the log shipping jobs do not run.")
      end
    end
  end
end

local function checkPool(fqdn)
  local ok, c = pcall(hadr.load, { PoolFqdn = fqdn, Database = args.Database })
  if not ok then
    finding(fqdn, nil, "Topology", "Unknown", "The pool's topology cannot be read: " .. errorText(c))
    return
  end
  if not c.primary then
    finding(c.fqdn, nil, "Topology", "Unknown", "The pool has no primary store in the topology: nothing to check.")
    return
  end
  local up = reachability(c, c.fqdn)
  local dbs = {}
  for _, role in ipairs({ "primary", "mirror", "backup", "backupMirror" }) do
    local s = c[role]
    if s and up[s.name] then dbs[s.name] = hadr.database(s.name, c.db) end
  end
  mirroring(c, c.fqdn, dbs)
  logShipping(c, c.fqdn, dbs, up)
  local live = writableCopies(c, c.fqdn, dbs)
  poolAndServers(c, c.fqdn, live)
  agents(c, c.fqdn, up)
end

local ok, topo = pcall(Get_PcTopology, {})
if not ok then
  finding(args.PoolFqdn, nil, "Topology", "Unknown", "The topology cannot be read: " .. errorText(topo))
else
  local pools = {}
  for _, p in ipairs(topo[1].ChatPools) do
    if args.PoolFqdn == nil or string.lower(p.Fqdn) == string.lower(args.PoolFqdn) then table.insert(pools, p.Fqdn) end
  end
  if #pools == 0 then
    finding(args.PoolFqdn, nil, "Topology", "Unknown", args.PoolFqdn and "The topology has no Persistent Chat pool " .. args.PoolFqdn .. "." or
      "The topology has no Persistent Chat pool: nothing to check.")
  end
  for _, fqdn in ipairs(pools) do checkPool(fqdn) end
end
host.exit_code(worst)
