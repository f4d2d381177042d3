-- The documented two-data-center layout for Persistent Chat HA/DR
-- (Lync Server 2013, "Required resources" JJ205211 and "Using a stretched
-- Persistent Chat Server pool" JJ205007): one stretched pool, servers 1-4 in
-- DC1 and 5-8 in DC2, the primary mgc with its mirror and witness in DC1,
-- the log shipping backup with its mirror and witness in DC2. The data
-- centers have a low bandwidth/high latency link, so DC1's servers are the
-- active ones while the pool is Normal.
return {
  sites = {
    { name = "DC1", frontEnd = "fe1.contoso.com", timeZone = "America/New_York" },
    { name = "DC2", frontEnd = "fe2.contoso.com", timeZone = "America/New_York" },
  },

  chatPools = {
    {
      fqdn = "pc.contoso.com",
      port = 5041,
      nextHop = "fe1.contoso.com",
      defaultFor = { "DC1", "DC2" },
      disasterRecovery = true,
      fileStore = [[\\fs1.contoso.com\lyncfs]],
      state = "Normal",
      servers = {
        { fqdn = "pc1.contoso.com", site = "DC1", active = true },
        { fqdn = "pc2.contoso.com", site = "DC1", active = true },
        { fqdn = "pc3.contoso.com", site = "DC1", active = true },
        { fqdn = "pc4.contoso.com", site = "DC1", active = true },
        { fqdn = "pc5.contoso.com", site = "DC2" },
        { fqdn = "pc6.contoso.com", site = "DC2" },
        { fqdn = "pc7.contoso.com", site = "DC2" },
        { fqdn = "pc8.contoso.com", site = "DC2" },
      },
      stores = {
        primary = "sql1",
        mirror = "sql1m",
        witness = "sqlw1",
        backup = "sql2",
        backupMirror = "sql2m",
        backupWitness = "sqlw2",
      },
    },
  },

  sqlStores = {
    { name = "sql1",  host = "sql1.contoso.com",  instance = "pchat", site = "DC1", version = "2012", edition = "Enterprise" },
    { name = "sql1m", host = "sql1m.contoso.com", instance = "pchat", site = "DC1", version = "2012", edition = "Enterprise" },
    { name = "sqlw1", host = "sqlw1.contoso.com", instance = "pchat", site = "DC1", version = "2012", edition = "Standard" },
    { name = "sql2",  host = "sql2.contoso.com",  instance = "pchat", site = "DC2", version = "2012", edition = "Enterprise" },
    { name = "sql2m", host = "sql2m.contoso.com", instance = "pchat", site = "DC2", version = "2012", edition = "Enterprise" },
    { name = "sqlw2", host = "sqlw2.contoso.com", instance = "pchat", site = "DC2", version = "2012", edition = "Standard" },
  },

  logShipping = {
    share = [[\\fs1.contoso.com\pchatlogs]],
    copyDirectory = [[D:\PChatLogCopy]],
  },

  schedules = {
    backupMinutes = 15,
    copyMinutes = 15,
    restoreMinutes = 15,
    restoreDelayMinutes = 0,
    retentionMinutes = 4320,
  },

  thresholds = {
    backupAlertMinutes = 60,
    restoreAlertMinutes = 45,
  },
}
