-- pcsh.hadr: what the built-in HA/DR runbooks share. The pool, its stores
-- and the log shipping share come from the topology document
-- (PCSH_TOPOLOGY); the pool state and the active servers from the Central
-- Management Store (Get-CsPersistentChatState,
-- Get-CsPersistentChatActiveServer); everything about a database from the
-- instance itself, read through Invoke-PcSqlQuery from master (a session
-- inside mgc would block its restores).
local M = {}

-- Reads run under -WhatIf too: a plan needs the current state, and a read
-- changes nothing.
local read = { WhatIf = false, Confirm = false }

local function with(t, extra)
  local out = {}
  for k, v in pairs(t) do out[k] = v end
  for k, v in pairs(extra or {}) do out[k] = v end
  return out
end

-- M.query runs a read-only batch on instance (in master) and returns its
-- rows, or nil and the error record when the instance cannot answer.
function M.query(instance, sql, params, timeout)
  -- a probe with its own timeout asks whether the instance answers now:
  -- it is tried once, not retried for seconds
  local ok, rows = pcall(Invoke_PcSqlQuery, with(read, { SqlInstance = instance, Database = "master",
    Query = sql, Parameter = params, ConnectTimeout = timeout or "5s", CommandTimeout = "15s",
    ConnectRetryCount = timeout and 0 or 2 }))
  if not ok then return nil, rows end
  return rows
end

-- M.reachable reports whether instance answers a query within timeout.
function M.reachable(instance, timeout)
  return M.query(instance, "SELECT 1 AS ok", nil, timeout or "3s") ~= nil
end

local function store(topo, name)
  if name == nil or name == "" then return nil end
  for _, s in ipairs(topo.SqlStores) do
    if s.Name == name then return { name = s.Name, host = s.Host, site = s.Site } end
  end
  host.throw{ Message = "The topology names the store " .. name .. " but does not define it.",
    ErrorId = "StoreNotDefined", Category = "ObjectNotFound", Target = name }
end

local function choosePool(topo, fqdn)
  local pools = topo.ChatPools
  if fqdn == nil or fqdn == "" then
    if #pools == 1 then return pools[1] end
    host.throw{ Message = string.format("The topology has %d Persistent Chat pools; say which one with -PoolFqdn.", #pools),
      ErrorId = "PoolAmbiguous", Category = "InvalidArgument", Target = topo.Path }
  end
  for _, p in ipairs(pools) do
    if string.lower(p.Fqdn) == string.lower(fqdn) then return p end
  end
  host.throw{ Message = "The topology has no Persistent Chat pool " .. fqdn .. ".",
    ErrorId = "PoolNotFound", Category = "ObjectNotFound", Target = fqdn }
end

-- M.load reads the topology and returns the pool's context: fqdn,
-- identity, db, the stores (primary, mirror, witness, backup,
-- backupMirror, backupWitness: { name, host, site } or nil), share,
-- copyDirectory, the sites of the primary and backup stores, the pool's
-- servers by site, compliance and the schedules.
function M.load(args)
  local topo = Get_PcTopology{}[1]
  local p = choosePool(topo, args.PoolFqdn)
  local st = p.Stores
  local c = {
    fqdn = p.Fqdn, identity = "service:PersistentChatServer:" .. p.Fqdn, db = args.Database or "mgc",
    primary = store(topo, st.Primary), mirror = store(topo, st.Mirror), witness = store(topo, st.Witness),
    backup = store(topo, st.Backup), backupMirror = store(topo, st.BackupMirror),
    backupWitness = store(topo, st.BackupWitness),
    share = args.Share or topo.LogShipping.Share, copyDirectory = args.CopyDirectory or topo.LogShipping.CopyDirectory,
    compliance = p.Compliance, servers = {}, schedules = topo.Schedules,
  }
  for _, s in ipairs(p.Servers) do
    c.servers[s.Site] = c.servers[s.Site] or {}
    table.insert(c.servers[s.Site], s.Fqdn)
  end
  return c
end

-- M.require names what the runbook needs from the topology, or throws.
function M.require(c, keys, why)
  for _, k in ipairs(keys) do
    if c[k] == nil then
      host.throw{ Message = string.format("The pool %s has no %s store in the topology; %s.", c.fqdn, k, why),
        ErrorId = "StoreMissing", Category = "InvalidData", Target = c.fqdn }
    end
  end
end

-- M.database returns what the instance says about db: state,
-- updateability, mirroring role and state, partner, witness and its
-- state, safety; nil and the error when the instance cannot answer
-- within timeout (default 5s); a row with exists = false when there is no
-- such database.
function M.database(instance, db, timeout)
  local rows, err = M.query(instance, [[
SELECT d.state_desc AS state, CAST(DATABASEPROPERTYEX(d.name, 'Updateability') AS nvarchar(20)) AS updateability,
       m.mirroring_role_desc AS role, m.mirroring_state_desc AS mirrorState, m.mirroring_partner_name AS partner,
       m.mirroring_witness_name AS witness, m.mirroring_witness_state_desc AS witnessState,
       m.mirroring_safety_level_desc AS safety
FROM sys.databases AS d JOIN sys.database_mirroring AS m ON m.database_id = d.database_id
WHERE d.name = @db]], { db = db }, timeout)
  if rows == nil then return nil, err end
  local r = rows[1]
  if r == nil then return { exists = false } end
  return { exists = true, state = r.state, updateability = r.updateability, role = r.role, mirrorState = r.mirrorState,
    partner = r.partner, witness = r.witness, witnessState = r.witnessState, safety = r.safety }
end

-- M.writable: ONLINE, READ_WRITE, and not the mirror of a session.
function M.writable(d)
  return d ~= nil and d.exists and d.state == "ONLINE" and d.updateability == "READ_WRITE" and d.role ~= "MIRROR"
end

-- M.partnerIs reports whether the session's partner is the store s.
function M.partnerIs(d, s)
  return d ~= nil and s ~= nil and d.partner ~= nil and string.find(string.lower(d.partner), "//" .. string.lower(s.host) .. ":", 1, true) ~= nil
end

-- M.mirrored reports whether d is in a SYNCHRONIZED session in role with
-- the partner store, and (when witness is given) the witness CONNECTED.
function M.mirrored(d, role, partner, witness)
  if d == nil or not d.exists or d.role ~= role or d.mirrorState ~= "SYNCHRONIZED" or not M.partnerIs(d, partner) then
    return false
  end
  return witness == nil or d.witnessState == "CONNECTED"
end

-- M.describe renders a database row for messages.
function M.describe(name, d)
  if d == nil then return name .. " does not answer" end
  if not d.exists then return name .. " has no such database" end
  local s = name .. ": " .. tostring(d.state)
  if d.role then s = s .. ", " .. d.role .. " " .. tostring(d.mirrorState) .. " with " .. tostring(d.partner) end
  return s
end

-- M.primaryConfig returns what instance's msdb holds about db as a log
-- shipping primary: exists, its primary id, when its backup job was
-- created (msdb.dbo.sysjobs.date_created, as yyyy-mm-dd hh:mi:ss.mmm;
-- nil when the job is gone) and the secondaries it registers ({ server,
-- db }); nil and the error when the instance cannot answer.
function M.primaryConfig(instance, db)
  local rows, err = M.query(instance, [[
SELECT CONVERT(nvarchar(36), p.primary_id) AS id, CONVERT(nvarchar(23), j.date_created, 121) AS created,
       s.secondary_server AS secondary, s.secondary_database AS secondaryDb
FROM msdb.dbo.log_shipping_primary_databases AS p
LEFT JOIN msdb.dbo.sysjobs AS j ON j.job_id = p.backup_job_id
LEFT JOIN msdb.dbo.log_shipping_primary_secondaries AS s ON s.primary_id = p.primary_id
WHERE p.primary_database = @db]], { db = db })
  if rows == nil then return nil, err end
  local cfg = { exists = #rows > 0, secondaries = {} }
  for _, r in ipairs(rows) do
    cfg.id, cfg.created = r.id, r.created
    if r.secondary then table.insert(cfg.secondaries, { server = r.secondary, db = r.secondaryDb }) end
  end
  return cfg
end

-- M.lastFullRestore returns the full backup db on instance was last
-- restored from, as msdb's restorehistory and backupset record it:
-- { server = the instance that took it, finished = when it finished (that
-- instance's clock, as yyyy-mm-dd hh:mi:ss.mmm) }; false when msdb records
-- no such restore, and nil when the instance cannot answer.
function M.lastFullRestore(instance, db)
  local rows = M.query(instance, [[
SELECT TOP 1 b.server_name AS server, CONVERT(nvarchar(23), b.backup_finish_date, 121) AS finished
FROM msdb.dbo.restorehistory AS r JOIN msdb.dbo.backupset AS b ON b.backup_set_id = r.backup_set_id
WHERE r.destination_database_name = @db AND r.restore_type = 'D' ORDER BY r.restore_history_id DESC]], { db = db })
  if rows == nil then return nil end
  return rows[1] or false
end

-- M.logShippingPrimary reports whether instance ships db to the
-- secondary store as it is now, why not, and whether the secondary's
-- side could not be read (then nothing is known). It does when all hold:
--   1. instance's msdb.dbo.log_shipping_primary_databases has db, and its
--      log_shipping_primary_secondaries names the secondary (its name or
--      host);
--   2. the secondary restores db by log shipping
--      (log_shipping_secondary_databases);
--   3. instance's backup job (sysjobs.date_created of the row's
--      backup_job_id) was created no earlier than the full backup the
--      secondary was last initialised from finished (the secondary's
--      restorehistory and backupset). A configuration older than that
--      initialisation was made for a copy the secondary no longer holds
--      (one a failover recovered, then a failback re-initialised): it is
--      not the set-up's. A secondary whose msdb records no such restore
--      (history deleted) is judged by 1 and 2 alone.
-- The set-up makes the primary's configuration right after it
-- initialises the secondary, and the mirror's after that, so a set-up's
-- own configuration always passes 3.
function M.logShippingPrimary(instance, db, secondary)
  local cfg = M.primaryConfig(instance, db)
  if cfg == nil then return false, instance .. " does not answer", true end
  if not cfg.exists then return false, instance .. " is not a log shipping primary" end
  local named = false
  for _, s in ipairs(cfg.secondaries) do
    local n = string.lower(tostring(s.server))
    named = named or n == string.lower(secondary.name) or n == string.lower(secondary.host)
  end
  if not named then return false, instance .. " does not ship to " .. secondary.name end
  local rows = M.query(secondary.name,
    "SELECT secondary_database FROM msdb.dbo.log_shipping_secondary_databases WHERE secondary_database = @db", { db = db })
  local last = rows and M.lastFullRestore(secondary.name, db)
  if rows == nil or last == nil then return false, secondary.name .. " does not answer", true end
  local since = last and last.finished
  if #rows == 0 then
    return false, instance .. " registers " .. secondary.name .. ", which is not a log shipping secondary of " .. db
  end
  if since and (cfg.created == nil or cfg.created < since) then
    return false, string.format("%s's configuration (backup job created %s) is older than the backup %s was last initialised from (finished %s)",
      instance, tostring(cfg.created or "never"), secondary.name, since)
  end
  return true, instance .. " ships to " .. secondary.name
end

-- M.logShippingSecondary reports whether instance restores db by log
-- shipping.
function M.logShippingSecondary(instance, db)
  local rows = M.query(instance,
    "SELECT secondary_database FROM msdb.dbo.log_shipping_secondary_databases WHERE secondary_database = @db", { db = db })
  return rows ~= nil and #rows > 0
end

-- M.poolState is the pool state the Central Management Store holds.
function M.poolState(c)
  local s = Get_CsPersistentChatState{ Identity = c.identity }
  return s[1] and s[1].PoolState
end

-- M.activeServers is the pool's active server list.
function M.activeServers(c)
  local a = Get_CsPersistentChatActiveServer{ Identity = c.identity }
  local out = {}
  for _, s in ipairs(a[1] and a[1].ActiveServers or {}) do table.insert(out, s) end
  return out
end

-- M.sameSet reports whether two lists hold the same names, ignoring case
-- and order.
function M.sameSet(a, b)
  if #a ~= #b then return false end
  local seen = {}
  for _, x in ipairs(a) do seen[string.lower(x)] = true end
  for _, y in ipairs(b) do if not seen[string.lower(y)] then return false end end
  return true
end

-- M.siteServers returns up to four servers of site (the documented
-- maximum of active servers), or the list given.
function M.siteServers(c, site, given)
  if given ~= nil and #given > 0 then return given end
  local out = {}
  for i, s in ipairs(c.servers[site] or {}) do
    if i > 4 then break end
    table.insert(out, s)
  end
  return out
end

-- M.compliance says what the documentation asks of the admin about
-- mgccomp, when the pool has compliance enabled.
function M.compliance(c, procedure)
  if not c.compliance then return end
  host.warning("The pool %s has compliance enabled. mgccomp is not %s (%s): its content is transient and " ..
    "the compliance adapter purges it as it processes it; make sure the adapter's output is safe before going on, " ..
    "and point the adapter at the compliance store in use afterwards.", c.fqdn, procedure,
    "Lync Server 2013, Failing over Persistent Chat Server")
end

-- M.eventually calls probe (which returns ok, detail) every half second
-- until it holds or seconds pass, and returns its last answer: a session
-- takes a moment to reach SYNCHRONIZED and its witness CONNECTED. The
-- seconds are measured on the session's monotonic clock, so a probe that
-- is slow itself (an instance that does not answer) does not stretch the
-- wait past them by more than one probe.
function M.eventually(seconds, probe)
  local deadline = host.elapsed() + (seconds or 30)
  local ok, detail = probe()
  while not ok and host.elapsed() < deadline do
    Start_Sleep{ Milliseconds = 500 }
    ok, detail = probe()
  end
  return ok, detail
end

-- M.quote brackets a name as QUOTENAME does.
function M.quote(name) return "[" .. string.gsub(name, "%]", "]]") .. "]" end

-- M.partnerOff removes the mirroring session of db on instance (SSMS
-- "Remove Mirroring"), through Invoke-PcSqlQuery's ShouldProcess.
function M.partnerOff(instance, db, force)
  Invoke_PcSqlQuery{ SqlInstance = instance, Database = "master",
    Query = "ALTER DATABASE " .. M.quote(db) .. " SET PARTNER OFF", Force = force }
end

-- M.activateStep adds the step that sets the pool's active servers to
-- wanted (R3 step 7, R4 step 6).
function M.activateStep(rb, c, title, wanted, force)
  local function active()
    if M.sameSet(M.activeServers(c), wanted) then return M.ok(table.concat(wanted, ", ")) end
    return M.no("active: " .. table.concat(M.activeServers(c), ", "))
  end
  rb:step{ title, check = active, verify = function() return M.eventually(10, active) end,
    action = function()
      Set_CsPersistentChatActiveServer{ Identity = c.identity, ActiveServers = { Replace = wanted }, Force = force }
    end }
end

-- M.ok and M.no are what check and verify functions return.
function M.ok(detail) return true, detail end
function M.no(detail) return false, detail end

-- M.with returns a copy of t with the fields of extra set.
M.with = with

return M
